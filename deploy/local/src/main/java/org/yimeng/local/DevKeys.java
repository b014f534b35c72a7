package org.yimeng.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The development signing key pair, used only by the local run and the tests. It is generated on first use into the
 * data folder and never committed; production verifies tokens with a public key from its secrets (docs/security.md).
 */
public final class DevKeys {
    public static final String PRIVATE_FILE = "dev-jwt-private.pem";
    public static final String PUBLIC_FILE = "dev-jwt-public.pem";

    private final Path publicKey;
    private final PrivateKey privateKey;

    private DevKeys(Path publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Loads the pair from {@code dir}, generating it first when absent. */
    public static synchronized DevKeys in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path priv = dir.resolve(PRIVATE_FILE);
            Path pub = dir.resolve(PUBLIC_FILE);
            if (!Files.exists(priv) || !Files.exists(pub)) {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                KeyPair pair = gen.generateKeyPair();
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                try {
                    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            return new DevKeys(pub, readPrivate(priv));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the development JWT keys in " + dir, e);
        }
    }

    /** The PEM file with the public key, for {@code mp.jwt.verify.publickey.location}. */
    public Path publicKeyFile() {
        return publicKey;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        String body = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
