package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.runtime.WorkerConfig;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS listeners over real TLS, with key material generated for the test. */
class RestServerHttpsTest {

    @TempDir
    static java.nio.file.Path dir;
    private static TestTlsStores stores;

    @BeforeAll
    static void generateStores() {
        stores = TestTlsStores.generate(dir);
    }

    /** TLS settings for the {@code server} identity and the test truststore, each key under {@code prefix}. */
    private static Map<String, String> tls(String prefix, String identity) {
        Map<String, String> props = new HashMap<>();
        props.put(prefix + "ssl.keystore.type", "PKCS12");
        props.put(prefix + "ssl.keystore.location", stores.keystore(identity).toString());
        props.put(prefix + "ssl.keystore.password", TestTlsStores.PASSWORD);
        props.put(prefix + "ssl.key.password", TestTlsStores.PASSWORD);
        props.put(prefix + "ssl.truststore.location", stores.truststore().toString());
        props.put(prefix + "ssl.truststore.password", TestTlsStores.PASSWORD);
        return props;
    }

    private static RestServer start(Map<String, String> props) {
        RestServer server = new RestServer(RestTestServer.workerConfig(props));
        server.initializeServer();
        server.initializeResources(new FakeHerder());
        return server;
    }

    private static HttpResponse<String> get(SSLContext context, URI url) throws IOException {
        return send(context, "GET", url);
    }

    private static HttpResponse<String> send(SSLContext context, String method, URI url) throws IOException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(context)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void servesHttpsToAClientTrustingTheServerCertificate() throws Exception {
        Map<String, String> props = tls("", TestTlsStores.SERVER);
        props.put("listeners", "https://localhost:0");
        RestServer server = start(props);
        try {
            URI url = server.serverUrl();
            assertEquals("https", url.getScheme());
            assertEquals(URI.create("https://localhost:" + server.boundPort() + "/"), server.advertisedUrl());
            HttpResponse<String> root = get(stores.clientContext(null), url);
            assertEquals(200, root.statusCode(), root.body());
            assertTrue(RestTestClient.json(root).has("version"), root.body());
            assertEquals(405, send(stores.clientContext(null), "TRACE", url.resolve("/connectors")).statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void refusesAClientThatDoesNotTrustTheServer() throws NoSuchAlgorithmException {
        Map<String, String> props = tls("", TestTlsStores.SERVER);
        props.put("listeners", "https://localhost:0");
        RestServer server = start(props);
        try {
            // The JVM's default trust anchors do not include the generated self-signed certificate.
            assertThrows(IOException.class, () -> get(SSLContext.getDefault(), server.serverUrl()));
        } finally {
            server.stop();
        }
    }

    @Test
    void requiredClientAuthenticationRejectsClientsWithoutACertificate() throws Exception {
        Map<String, String> props = tls("", TestTlsStores.SERVER);
        props.put("listeners", "https://localhost:0");
        props.put("ssl.client.auth", "required");
        RestServer server = start(props);
        try {
            assertThrows(IOException.class, () -> get(stores.clientContext(null), server.serverUrl()));
            assertEquals(200, get(stores.clientContext(TestTlsStores.CLIENT), server.serverUrl()).statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void requestedClientAuthenticationAcceptsClientsWithAndWithoutACertificate() throws Exception {
        Map<String, String> props = tls("", TestTlsStores.SERVER);
        props.put("listeners", "https://localhost:0");
        props.put("ssl.client.auth", "requested");
        RestServer server = start(props);
        try {
            assertEquals(200, get(stores.clientContext(null), server.serverUrl()).statusCode());
            assertEquals(200, get(stores.clientContext(TestTlsStores.CLIENT), server.serverUrl()).statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void prefixedListenerSettingsReplaceThePlainOnesAsAWhole() throws Exception {
        // Plain ssl.* would present the untrusted identity and require client certificates; neither applies.
        Map<String, String> props = tls("", TestTlsStores.UNTRUSTED_SERVER);
        props.put("ssl.client.auth", "required");
        props.putAll(tls("listeners.https.", TestTlsStores.SERVER));
        props.put("listeners", "https://localhost:0");
        RestServer server = start(props);
        try {
            assertEquals(200, get(stores.clientContext(null), server.serverUrl()).statusCode());
        } finally {
            server.stop();
        }

        // Without the prefixed keys the plain settings apply: the client does not trust that server.
        RestServer plain = start(withListener(tls("", TestTlsStores.UNTRUSTED_SERVER), "https://localhost:0"));
        try {
            assertThrows(IOException.class, () -> get(stores.clientContext(null), plain.serverUrl()));
        } finally {
            plain.stop();
        }
    }

    @Test
    void prefixedSettingsDoNotInheritPlainOnes() {
        // A lone prefixed key hides the plain keystore, so the listener has none.
        Map<String, String> props = tls("", TestTlsStores.SERVER);
        props.put("listeners.https.ssl.client.auth", "none");
        props.put("listeners", "https://localhost:0");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new RestServer(RestTestServer.workerConfig(props)));
        assertTrue(e.getMessage().contains("needs a keystore"), e.getMessage());
    }

    @Test
    void acceptsPemKeyMaterial() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("listeners", "https://localhost:0");
        props.put("ssl.keystore.type", "PEM");
        props.put("ssl.keystore.key", stores.privateKeyPem(TestTlsStores.SERVER));
        props.put("ssl.keystore.certificate.chain", stores.certificatePem(TestTlsStores.SERVER));
        RestServer server = start(props);
        try {
            assertEquals(200, get(stores.clientContext(null), server.serverUrl()).statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void rejectsHttpsListenersWithoutUsableKeyMaterial() {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> new RestServer(RestTestServer.workerConfig(Map.of("listeners", "https://localhost:0"))));
        assertTrue(missing.getMessage().contains("needs a keystore"), missing.getMessage());

        Map<String, String> wrongPassword = withListener(tls("", TestTlsStores.SERVER), "https://localhost:0");
        wrongPassword.put("ssl.keystore.password", "not-the-password");
        assertThrows(ConfigException.class, () -> new RestServer(RestTestServer.workerConfig(wrongPassword)));

        Map<String, String> badClientAuth = withListener(tls("listeners.https.", TestTlsStores.SERVER),
                "https://localhost:0");
        badClientAuth.put("listeners.https.ssl.client.auth", "sometimes");
        ConfigException auth = assertThrows(ConfigException.class,
                () -> new RestServer(RestTestServer.workerConfig(badClientAuth)));
        assertTrue(auth.getMessage().contains("ssl.client.auth"), auth.getMessage());
    }

    @Test
    void restrictsProtocolsToTheEnabledOnes() throws Exception {
        Map<String, String> props = withListener(tls("", TestTlsStores.SERVER), "https://localhost:0");
        props.put("ssl.enabled.protocols", "TLSv1.3");
        RestServer server = start(props);
        try {
            SSLContext tls12 = stores.clientContext(null);
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(tls12)
                    .sslParameters(withProtocols(tls12, "TLSv1.2")).build();
            HttpRequest request = HttpRequest.newBuilder(server.serverUrl()).build();
            assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
            assertEquals(200, get(stores.clientContext(null), server.serverUrl()).statusCode());
        } finally {
            server.stop();
        }
    }

    private static javax.net.ssl.SSLParameters withProtocols(SSLContext context, String... protocols) {
        javax.net.ssl.SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(protocols);
        return parameters;
    }

    @Test
    void servesAdminResourcesOnlyOnASeparateHttpsAdminListener() throws Exception {
        Map<String, String> props = new HashMap<>(tls("admin.listeners.https.", TestTlsStores.SERVER));
        props.put("listeners", "http://localhost:0");
        props.put("admin.listeners", "https://localhost:0");
        RestServer server = new RestServer(RestTestServer.workerConfig(props));
        server.registerAdminResource(DummyAdminResource.class);
        server.initializeServer();
        server.initializeResources(new FakeHerder());
        try {
            URI admin = server.adminUrl();
            assertEquals("https", admin.getScheme());
            assertNotEquals(server.serverUrl().getPort(), admin.getPort());
            HttpResponse<String> dummy = get(stores.clientContext(null), admin.resolve("/admin/dummy"));
            assertEquals(200, dummy.statusCode(), dummy.body());
            // Injected from the server's binder, as for the regular resources.
            assertEquals("http://localhost:0", RestTestClient.json(dummy).get("listeners").asText());
            assertEquals(404, get(stores.clientContext(null), admin.resolve("/connectors")).statusCode());

            RestTestClient regular = new RestTestClient(server.serverUrl());
            assertEquals(404, regular.get("/admin/dummy").statusCode());
            assertEquals(200, regular.get("/connectors").statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void clientFactoryUsesThePrefixedSettingsAndVerifiesHostNames() throws Exception {
        Map<String, String> props = withListener(tls("listeners.https.", TestTlsStores.SERVER), "https://localhost:0");
        RestServer server = start(props);
        try {
            WorkerConfig config = RestTestServer.workerConfig(props);
            URI byName = server.serverUrl();
            URI byAddress = URI.create("https://127.0.0.1:" + server.boundPort() + "/");
            assertEquals(200, jettyGet(config, byName).getStatus());
            // The certificate names localhost only; ssl.endpoint.identification.algorithm defaults to https.
            ExecutionException mismatch = assertThrows(ExecutionException.class, () -> jettyGet(config, byAddress));
            assertInstanceOf(SSLHandshakeException.class, mismatch.getCause(), mismatch.toString());

            props.put("listeners.https.ssl.endpoint.identification.algorithm", "");
            assertEquals(200, jettyGet(RestTestServer.workerConfig(props), byAddress).getStatus());
        } finally {
            server.stop();
        }
    }

    private static ContentResponse jettyGet(WorkerConfig config, URI url) throws Exception {
        HttpClient client = new HttpClient();
        client.setSslContextFactory(SslContextFactories.forClient(config));
        client.start();
        try {
            return client.GET(url);
        } finally {
            client.stop();
        }
    }

    private static Map<String, String> withListener(Map<String, String> props, String listener) {
        Map<String, String> copy = new HashMap<>(props);
        copy.put("listeners", listener);
        return copy;
    }

    /** Stands in for an admin endpoint such as {@code /admin/loggers}. */
    @Path("/admin/dummy")
    @Produces(MediaType.APPLICATION_JSON)
    public static class DummyAdminResource {

        private final WorkerConfig config;

        @Inject
        public DummyAdminResource(WorkerConfig config) {
            this.config = config;
        }

        @GET
        public Map<String, String> get() {
            return Map.of("listeners", String.join(",", config.listeners()));
        }
    }
}
