package org.apache.kafka.connect.rest.basic.auth.extension;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import javax.security.auth.login.Configuration;

import org.glassfish.jersey.server.ResourceConfig;

import jakarta.ws.rs.core.Configurable;

import static org.apache.kafka.connect.rest.basic.auth.extension.AuthTestServer.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension as the worker drives it: discovered, configured, registered on a resource config, closed. */
class BasicAuthSecurityRestExtensionTest {

    @TempDir
    Path dir;

    private Configuration previousJaas;

    @AfterEach
    void restoreJaas() {
        if (previousJaas != null) {
            Configuration.setConfiguration(previousJaas);
        }
    }

    @Test
    void isDiscoverableThroughServiceLoader() {
        boolean found = ServiceLoader.load(ConnectRestExtension.class).stream()
                .anyMatch(provider -> provider.type() == BasicAuthSecurityRestExtension.class);
        assertTrue(found);
    }

    @Test
    void reportsKafkaVersion() {
        assertEquals(AppInfoParser.getVersion(), new BasicAuthSecurityRestExtension().version());
    }

    @Test
    void registersFilterUsingTheJvmJaasConfiguration() throws Exception {
        previousJaas = Configuration.getConfiguration();
        Configuration.setConfiguration(JaasBasicAuthFilterTest.writeJaasConfig(dir, "alice=secret\n"));

        BasicAuthSecurityRestExtension extension = new BasicAuthSecurityRestExtension();
        extension.configure(Map.of("bootstrap.servers", "localhost:9092"));
        try (AuthTestServer server = new AuthTestServer(resources -> extension.register(context(resources)))) {
            assertEquals(401, server.send("GET", "connectors", null).statusCode());
            assertEquals(200, server.send("GET", "connectors", basic("alice", "secret")).statusCode());
            assertEquals(200, server.send("PUT", "connectors/c/fence", null).statusCode());
        } finally {
            extension.close();
        }
    }

    private static ConnectRestExtensionContext context(ResourceConfig resources) {
        return new ConnectRestExtensionContext() {
            @Override
            public Configurable<? extends Configurable<?>> configurable() {
                return resources;
            }

            @Override
            public ConnectClusterState clusterState() {
                throw new UnsupportedOperationException("not needed by the basic auth extension");
            }
        };
    }
}
