package gridshop.platform;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ids the API hands a shopper are signed; the grid, PostgreSQL, the analysts' SQL and the domain events hold only
 * their unsigned part. A session id is the shopper's only credential (whoever has it may fill and check out the cart),
 * and an order id opens the order, which names its session. Analysts read every session and order id: signed ids make
 * what they read a pseudonym that opens nothing through the API, since the API takes an id only with its signature.
 * <p>
 * A signed id is {@code <id>.<signature>}: an HMAC-SHA256 of the kind and the id, truncated to 128 bits, base64url
 * (22 characters), under a key derived from the cluster secret, which every node of a cluster shares (a node without it
 * does not join), so any node signs and checks any id, before and after a restart. An id with a wrong signature is
 * answered like one that does not exist (404). Without a cluster secret (the development and test environments) the
 * key is public and so are the signatures.
 */
@Singleton
public final class ShopperIds {
    private static final String SESSION = "session:";
    private static final String ORDER = "order:";
    private static final int SIGNATURE_BYTES = 16;

    private static final String SEALED = "c1.";

    private final byte[] key;
    private final byte[] customerMac;
    private final byte[] customerKey;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::mac);

    @Inject
    ShopperIds(ClusterProperties cluster) {
        this(cluster.secret());
    }

    /** Signs as the nodes of a cluster with this secret do (a test reads the API's ids with it). */
    public ShopperIds(String clusterSecret) {
        this.key = hmac(("gridshop shopper ids " + clusterSecret).getBytes(StandardCharsets.UTF_8),
            "gridshop shopper ids".getBytes(StandardCharsets.UTF_8));
        byte[] secret = ("gridshop customer ids " + clusterSecret).getBytes(StandardCharsets.UTF_8);
        this.customerMac = hmac(secret, "mac".getBytes(StandardCharsets.UTF_8));
        this.customerKey = Arrays.copyOf(hmac(secret, "aes".getBytes(StandardCharsets.UTF_8)), 16);
    }

    /** The id a shopper is given for a session the grid holds as {@code id}. */
    public String session(String id) {
        return sign(SESSION, id);
    }

    /** The id a shopper is given for an order the grid holds as {@code id}. */
    public String order(String id) {
        return sign(ORDER, id);
    }

    /** The grid's session id of a shopper's signed one; 404 when the signature does not match. */
    public String openSession(String signed) {
        String id = open(SESSION, signed);
        if (id == null) {
            throw ApiException.notFound("no such session, or it has expired [sessionId=" + PathIds.shorten(signed) + "]");
        }
        return id;
    }

    /** The grid's order id of a shopper's signed one; 404 when the signature does not match. */
    public String openOrder(String signed) {
        String id = open(ORDER, signed);
        if (id == null) {
            throw ApiException.notFound("no such order [orderId=" + PathIds.shorten(signed) + "]");
        }
        return id;
    }

    /**
     * A customer id as the grid, PostgreSQL and analysts keep it: sealed, {@code c1.<base64url>}. Deterministic (the same
     * customer reads the same everywhere, so analysts still count and join by customer) and authenticated: a 128-bit
     * synthetic IV, the HMAC of the id, then the id encrypted with AES-CTR under that IV, both keys from the cluster
     * secret. Only a node opens it, to answer the shopper who holds the session.
     */
    public String sealCustomer(String customerId) {
        if (customerId == null) {
            return null;
        }
        byte[] plain = customerId.getBytes(StandardCharsets.UTF_8);
        byte[] iv = Arrays.copyOf(hmac(customerMac, plain), SIGNATURE_BYTES);
        byte[] sealed = new byte[iv.length + plain.length];
        System.arraycopy(iv, 0, sealed, 0, iv.length);
        System.arraycopy(ctr(iv, plain), 0, sealed, iv.length, plain.length);
        return SEALED + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The customer id of a sealed one; a value that is not sealed (written before sealing) as it is. */
    public String openCustomer(String stored) {
        if (stored == null || !stored.startsWith(SEALED)) {
            return stored;
        }
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(stored.substring(SEALED.length()));
            if (sealed.length < SIGNATURE_BYTES) {
                return stored;
            }
            byte[] iv = Arrays.copyOf(sealed, SIGNATURE_BYTES);
            byte[] plain = ctr(iv, Arrays.copyOfRange(sealed, SIGNATURE_BYTES, sealed.length));
            boolean authentic = MessageDigest.isEqual(iv, Arrays.copyOf(hmac(customerMac, plain), SIGNATURE_BYTES));
            return authentic ? new String(plain, StandardCharsets.UTF_8) : stored;
        } catch (IllegalArgumentException e) {
            return stored;
        }
    }

    private byte[] ctr(byte[] iv, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(customerKey, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every JDK", e);
        }
    }

    private String sign(String kind, String id) {
        return id + "." + signature(kind, id);
    }

    private String open(String kind, String signed) {
        int dot = signed.lastIndexOf('.');
        if (dot <= 0 || signed.length() > PathIds.MAX_TEXT_ID) {
            return null;
        }
        String id = signed.substring(0, dot);
        byte[] given = signed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = signature(kind, id).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? id : null;
    }

    private String signature(String kind, String id) {
        Mac mac = macs.get();
        mac.update(kind.getBytes(StandardCharsets.UTF_8));
        byte[] full = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
        byte[] cut = new byte[SIGNATURE_BYTES];
        System.arraycopy(full, 0, cut, 0, SIGNATURE_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cut);
    }

    private Mac mac() {
        return mac(key);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
