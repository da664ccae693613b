package gridshop.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A key pair and a truststore that trusts it, made by the JDK's keytool for one test (PKCS12, RSA 2048, valid
 * two days): what an operator would give every node with {@code gridshop.tls.*}.
 */
public record TestKeys(Path keyStore, Path trustStore, String password) {

    public static TestKeys generate(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve(name + "-key.p12");
        Path trustStore = dir.resolve(name + "-trust.p12");
        Path cert = dir.resolve(name + ".crt");
        for (Path p : List.of(keyStore, trustStore, cert)) {
            Files.deleteIfExists(p);
        }
        String pw = "test-tls-" + name;
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=" + name, "-ext", "SAN=IP:127.0.0.1,IP:127.0.0.2,IP:127.0.0.3,DNS:localhost",
            "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", pw, "-keypass", pw);
        keytool("-exportcert", "-alias", name, "-keystore", keyStore.toString(), "-storepass", pw, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-storetype", "PKCS12",
            "-keystore", trustStore.toString(), "-storepass", pw);
        return new TestKeys(keyStore.toAbsolutePath(), trustStore.toAbsolutePath(), pw);
    }

    /** The node's {@code gridshop.tls.*} settings for these keys. */
    public Map<String, String> nodeSettings() {
        return Map.of("gridshop.tls.key-store", keyStore.toString(), "gridshop.tls.key-store-password", password,
            "gridshop.tls.trust-store", trustStore.toString(), "gridshop.tls.trust-store-password", password);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + String.join(" ", cmd) + "\n" + out);
        }
    }
}
