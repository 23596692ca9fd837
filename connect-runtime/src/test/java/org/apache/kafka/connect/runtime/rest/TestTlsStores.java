package org.apache.kafka.connect.runtime.rest;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key material for TLS tests, generated at run time with the JDK's keytool: self-signed identities in PKCS12
 * keystores and a JKS truststore that trusts some of them. {@code server} is issued for {@code localhost} only (no IP
 * address), so host name verification fails when it is reached as {@code 127.0.0.1}.
 */
final class TestTlsStores {

    static final String PASSWORD = "test-secret";

    /** The REST server's identity. */
    static final String SERVER = "server";
    /** A second server identity, trusted by no one. */
    static final String UNTRUSTED_SERVER = "untrusted";
    /** A client certificate the truststore trusts. */
    static final String CLIENT = "client";

    private final Path dir;

    private TestTlsStores(Path dir) {
        this.dir = dir;
    }

    /** Generates the identities and a truststore trusting {@code server} and {@code client} in {@code dir}. */
    static TestTlsStores generate(Path dir) {
        TestTlsStores stores = new TestTlsStores(dir);
        stores.generateIdentity(SERVER, "CN=localhost", "SAN=dns:localhost");
        stores.generateIdentity(UNTRUSTED_SERVER, "CN=localhost", "SAN=dns:localhost");
        stores.generateIdentity(CLIENT, "CN=client", null);
        stores.trust(SERVER);
        stores.trust(CLIENT);
        return stores;
    }

    Path keystore(String identity) {
        return dir.resolve(identity + ".p12");
    }

    Path truststore() {
        return dir.resolve("truststore.jks");
    }

    /** The private key of {@code identity} as a PEM PKCS#8 block. */
    String privateKeyPem(String identity) {
        Key key = load(keystore(identity), "PKCS12", identity,
                (store, alias) -> store.getKey(alias, PASSWORD.toCharArray()));
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** The certificate of {@code identity} as a PEM block. */
    String certificatePem(String identity) {
        Certificate certificate = load(keystore(identity), "PKCS12", identity, KeyStore::getCertificate);
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context presenting {@code identity} (null: no certificate) and trusting {@link #truststore()}. */
    SSLContext clientContext(String identity) {
        try {
            KeyManagerFactory keys = null;
            if (identity != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(loadStore(keystore(identity), "PKCS12"), PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(loadStore(truststore(), "JKS"));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void generateIdentity(String alias, String dname, String extension) {
        List<String> command = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", dname, "-storetype", "PKCS12",
                "-keystore", keystore(alias).toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            command.addAll(List.of("-ext", extension));
        }
        keytool(command);
    }

    private void trust(String alias) {
        Path certificate = dir.resolve(alias + ".crt");
        keytool(List.of("-exportcert", "-alias", alias, "-keystore", keystore(alias).toString(),
                "-storepass", PASSWORD, "-file", certificate.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-storetype", "JKS", "-keystore", truststore().toString(), "-storepass", PASSWORD));
    }

    private static void keytool(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore loadStore(Path path, String type) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private interface Entry<T> {
        T read(KeyStore store, String alias) throws GeneralSecurityException;
    }

    private static <T> T load(Path path, String type, String alias, Entry<T> entry) {
        try {
            return entry.read(loadStore(path, type), alias);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
