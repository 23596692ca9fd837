package org.apache.kafka.connect.rest.basic.auth.extension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.Subject;
import java.security.URIParameter;

import static org.apache.kafka.connect.rest.basic.auth.extension.AuthTestServer.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The filter in front of a real HTTP server, authenticating through a JAAS file and a credentials file. */
class JaasBasicAuthFilterTest {

    static final String UNAUTHORIZED_BODY = "User cannot access the resource.";

    @TempDir
    Path dir;

    private Configuration jaas;
    private AuthTestServer server;

    @BeforeEach
    void start() throws Exception {
        jaas = writeJaasConfig(dir, "alice: secret\nbob=hunter2\n");
        server = new AuthTestServer(resources -> resources.register(new JaasBasicAuthFilter(jaas)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** Writes a credentials file and a JAAS file whose {@code KafkaConnect} entry checks it, and loads the latter. */
    static Configuration writeJaasConfig(Path dir, String credentials) throws Exception {
        Path passwords = Files.writeString(dir.resolve("connect.password"), credentials);
        Path jaasFile = Files.writeString(dir.resolve("connect_jaas.conf"),
                "KafkaConnect {\n  " + PropertyFileLoginModule.class.getName() + " required\n  file=\""
                        + passwords.toAbsolutePath() + "\";\n};\n");
        return Configuration.getInstance("JavaLoginConfig", new URIParameter(jaasFile.toUri()));
    }

    @Test
    void rejectsRequestWithoutCredentials() {
        HttpResponse<String> response = server.send("GET", "connectors", null);
        assertEquals(401, response.statusCode());
        assertEquals(UNAUTHORIZED_BODY, response.body());
    }

    @Test
    void rejectsWrongPasswordAndUnknownUser() {
        assertEquals(401, server.send("GET", "connectors", basic("alice", "wrong")).statusCode());
        assertEquals(401, server.send("GET", "connectors", basic("mallory", "secret")).statusCode());
        assertEquals(401, server.send("GET", "connectors", basic("alice", "")).statusCode());
    }

    @Test
    void rejectsMalformedOrNonBasicAuthorization() {
        assertEquals(401, server.send("GET", "connectors", "Bearer abc").statusCode());
        assertEquals(401, server.send("GET", "connectors", "Basic !!!not-base64").statusCode());
        // Valid Base64 without the user:password colon.
        assertEquals(401, server.send("GET", "connectors", "Basic YWxpY2U=").statusCode());
    }

    @Test
    void acceptsRightCredentialsAndExposesTheUser() {
        HttpResponse<String> response = server.send("GET", "connectors", basic("alice", "secret"));
        assertEquals(200, response.statusCode());
        assertEquals("[\"alice\"]", response.body());
        assertEquals(200, server.send("GET", "connectors", basic("bob", "hunter2")).statusCode());
    }

    @Test
    void passwordMayContainColons() throws Exception {
        server.close();
        jaas = writeJaasConfig(dir, "carol=a:b:c\n");
        server = new AuthTestServer(resources -> resources.register(new JaasBasicAuthFilter(jaas)));
        assertEquals(200, server.send("GET", "connectors", basic("carol", "a:b:c")).statusCode());
        assertEquals(401, server.send("GET", "connectors", basic("carol", "a:b")).statusCode());
    }

    @Test
    void exemptsOnlyTheTwoInternalEndpoints() {
        HttpResponse<String> tasks = server.send("POST", "connectors/my-conn/tasks", null);
        assertEquals(200, tasks.statusCode());
        assertEquals("\"tasks of my-conn\"", tasks.body());
        assertEquals(200, server.send("POST", "connectors/my-conn/tasks/", null).statusCode());
        assertEquals(200, server.send("PUT", "connectors/my-conn/fence", null).statusCode());

        // Other methods or paths on the same resources still need credentials.
        assertEquals(401, server.send("PUT", "connectors/my-conn/pause", null).statusCode());
        assertEquals(401, server.send("GET", "connectors/my-conn/tasks", null).statusCode());
        assertEquals(401, server.send("POST", "connectors/my-conn/fence", null).statusCode());
        assertEquals(401, server.send("GET", "admin/loggers", null).statusCode());
    }

    @Test
    void readsCredentialsFileAtEveryLogin() throws Exception {
        assertEquals(401, server.send("GET", "connectors", basic("dave", "pw")).statusCode());
        Files.writeString(dir.resolve("connect.password"), "dave=pw\n");
        assertEquals(200, server.send("GET", "connectors", basic("dave", "pw")).statusCode());
    }

    @Test
    void loginModuleFailsWithFailedLoginException() throws Exception {
        JaasBasicAuthFilter.BasicAuthCredentials credentials =
                new JaasBasicAuthFilter.BasicAuthCredentials(basic("alice", "nope"));
        LoginContext context = new LoginContext("KafkaConnect", new Subject(),
                new JaasBasicAuthFilter.BasicAuthCallBackHandler(credentials), jaas);
        assertThrows(FailedLoginException.class, context::login);

        LoginContext ok = new LoginContext("KafkaConnect", new Subject(), new JaasBasicAuthFilter.BasicAuthCallBackHandler(
                new JaasBasicAuthFilter.BasicAuthCredentials(basic("alice", "secret"))), jaas);
        ok.login();
        assertEquals("alice", ok.getSubject().getPrincipals().iterator().next().getName());
        ok.logout();
        assertEquals(0, ok.getSubject().getPrincipals().size());
    }
}
