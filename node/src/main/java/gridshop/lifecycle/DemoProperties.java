package gridshop.lifecycle;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code products}: the demo catalog written on a first start into an empty database (0: none). */
@ConfigurationProperties("gridshop.demo")
record DemoProperties(long products) {

    DemoProperties {
        if (products < 0) {
            throw new IllegalArgumentException("gridshop.demo.products must not be negative [products=" + products + "]");
        }
    }
}
