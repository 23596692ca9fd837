package org.apache.kafka.connect.runtime.isolation;

import java.util.List;
import java.util.Set;

/**
 * Decides which classes a {@link PluginClassLoader} loads from its own plugin location first (child-first,
 * "in isolation") and which it takes from the worker's class path first (parent-first).
 * <p>
 * A class is parent-first when its name falls under a shared package (the JDK, selected {@code javax} and CORBA
 * packages, DOM/SAX, SLF4J and everything under {@code org.apache.kafka}) — those must be the very classes the
 * worker uses, or plugin and worker could not talk to each other. Inside {@code org.apache.kafka} the reusable
 * components the project ships (transformations, converters, JSON, file connectors, MirrorMaker, config providers,
 * override policies, ...) are isolated again, so a plugin may bundle its own copy of them; their interfaces stay
 * shared. Every other name (including {@code jakarta.*}) is loaded child-first.
 * <p>
 * The package lists match Apache Kafka Connect's, quirks included: a package prefix always ends in a dot, so a
 * bare package name such as {@code javax.net} is not covered, and {@code org.omg.CORBA_2_3} is not listed.
 */
public final class PluginIsolationRule {

    private static final String KAFKA = "org.apache.kafka.";
    private static final String CONNECT = KAFKA + "connect.";
    private static final String TRANSFORMS = CONNECT + "transforms.";
    private static final String POLICY = CONNECT + "connector.policy.";
    private static final String CONFIG_PROVIDERS = KAFKA + "common.config.provider.";

    /** Packages shared with the worker: loaded parent-first unless {@link #ISOLATED_PREFIXES} says otherwise. */
    private static final List<String> SHARED_PREFIXES = List.of(
            "java.",
            "javax.accessibility.",
            "javax.activation.",
            "javax.activity.",
            "javax.annotation.",
            "javax.batch.api.",
            "javax.batch.operations.",
            "javax.batch.runtime.",
            "javax.crypto.",
            "javax.decorator.",
            "javax.ejb.",
            "javax.el.",
            "javax.enterprise.concurrent.",
            "javax.enterprise.context.",
            "javax.enterprise.deploy.model.",
            "javax.enterprise.deploy.shared.",
            "javax.enterprise.deploy.spi.",
            "javax.enterprise.event.",
            "javax.enterprise.inject.",
            "javax.enterprise.util.",
            "javax.faces.",
            "javax.imageio.",
            "javax.inject.",
            "javax.interceptor.",
            "javax.jms.",
            "javax.json.",
            "javax.jws.",
            "javax.lang.model.",
            "javax.mail.",
            "javax.management.",
            "javax.naming.",
            "javax.net.",
            "javax.persistence.",
            "javax.print.",
            "javax.resource.",
            "javax.rmi.",
            "javax.script.",
            "javax.security.auth.",
            "javax.security.cert.",
            "javax.security.jacc.",
            "javax.security.sasl.",
            "javax.servlet.",
            "javax.sound.midi.",
            "javax.sound.sampled.",
            "javax.sql.",
            "javax.swing.",
            "javax.tools.",
            "javax.transaction.",
            "javax.validation.",
            "javax.websocket.",
            "javax.ws.rs.",
            "javax.xml.",
            "org.ietf.jgss.",
            "org.omg.CORBA.",
            "org.omg.CosNaming.",
            "org.omg.Dynamic.",
            "org.omg.DynamicAny.",
            "org.omg.IOP.",
            "org.omg.Messaging.",
            "org.omg.PortableInterceptor.",
            "org.omg.PortableServer.",
            "org.omg.SendingContext.",
            "org.omg.stub.java.rmi.",
            "org.w3c.dom.",
            "org.xml.sax.",
            KAFKA,
            "org.slf4j."
    );

    /** Component packages under {@code org.apache.kafka} that plugins may bundle and so load in isolation. */
    private static final List<String> ISOLATED_PREFIXES = List.of(
            TRANSFORMS,
            CONNECT + "json.",
            CONNECT + "file.",
            CONNECT + "mirror.",
            CONNECT + "mirror-client.",
            CONNECT + "converters.",
            POLICY,
            CONFIG_PROVIDERS
    );

    /** Single isolated components living in otherwise shared packages. */
    private static final Set<String> ISOLATED_CLASSES = Set.of(
            CONNECT + "storage.StringConverter",
            CONNECT + "storage.SimpleHeaderConverter",
            CONNECT + "rest.basic.auth.extension.BasicAuthSecurityRestExtension"
    );

    /** The plugin interfaces inside the isolated packages: the worker and all plugins must share these. */
    private static final Set<String> SHARED_CLASSES = Set.of(
            TRANSFORMS + "predicates.Predicate",
            POLICY + "ConnectorClientConfigOverridePolicy",
            POLICY + "ConnectorClientConfigRequest",
            POLICY + "ConnectorClientConfigRequest$ClientType",
            CONFIG_PROVIDERS + "ConfigProvider"
    );

    /** Besides the interface itself this covers {@code TransformationChain} and other runtime helpers. */
    private static final String SHARED_TRANSFORMATION_PREFIX = TRANSFORMS + "Transformation";

    /**
     * @param className a binary class name such as {@code com.example.Foo$Bar}
     * @return true if a plugin class loader should look for the class in its own location before its parent
     */
    public boolean shouldLoadInIsolation(String className) {
        return !isShared(className) || isIsolatedComponent(className);
    }

    private static boolean isShared(String className) {
        for (String prefix : SHARED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIsolatedComponent(String className) {
        if (ISOLATED_CLASSES.contains(className)) {
            return true;
        }
        if (SHARED_CLASSES.contains(className) || className.startsWith(SHARED_TRANSFORMATION_PREFIX)) {
            return false;
        }
        for (String prefix : ISOLATED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
