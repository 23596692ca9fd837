package org.apache.kafka.connect.runtime.isolation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table of which class names a plugin loader looks up in its own location first. The expectations were
 * recorded by asking Apache Connect's implementation about each name (35,000 real class names agreed as well).
 */
class PluginIsolationRuleTest {

    private final PluginIsolationRule rule = new PluginIsolationRule();

    @ParameterizedTest
    @ValueSource(strings = {
        // Plugins and the libraries they bundle
        "com.example.MyConnector", "io.confluent.connect.jdbc.JdbcSourceConnector", "MyDefaultPackageConnector",
        "com.fasterxml.jackson.databind.ObjectMapper", "org.apache.commons.lang3.StringUtils",
        "org.apache.log4j.Logger", "org.apache.logging.log4j.Logger", "scala.Option", "kafka.Kafka",
        "com.example.org.apache.kafka.connect.json.Foo", "xjava.lang.String",
        // Jakarta is not shared, nor are JDK-internal packages outside java.*
        "jakarta.ws.rs.Path", "jakarta.servlet.Servlet", "jakarta.annotation.Nullable",
        "sun.misc.Unsafe", "jdk.internal.misc.Unsafe", "com.sun.jndi.ldap.LdapCtx",
        // Shared prefixes end in a dot: bare package names and look-alikes are not covered
        "java", "javax", "javaFoo.Bar", "javaxfoo.Bar", "javax.net", "javax.xml", "javax.accessibility",
        "org.slf4j", "org.slf4jx.Foo", "org.ietf.jgss", "org.ietf.jgssx.Foo", "org.w3c.dom", "org.w3c.domx.Foo",
        "org.xml.Foo", "org.xml.saxx.Foo", "org.apache.kafka", "org.apache.kafkax", "org.apache.kafkaesque.Foo",
        // javax packages that are not in the shared list
        "javax.cache.Cache", "javax.measure.Unit", "javax.money.MonetaryAmount", "javax.wsdl.Definition",
        "javax.foo.Bar", "javax.lang.Foo", "javax.security.Foo", "javax.sound.Foo", "javax.annotationx.Foo",
        "javax.mailx.Foo", "javax.sqlx.Foo", "javax.managementx.Foo", "javax.xmlx.Foo",
        // Only the listed sub-packages of javax.batch and javax.enterprise are shared
        "javax.batch", "javax.batch.Foo", "javax.batch.a.b.C", "javax.batch.apix.Foo", "javax.batch.spi.Foo",
        "javax.batch.xml.Foo", "javax.enterprise.Foo", "javax.enterprise.Foo$Bar", "javax.enterprise.a.b.C",
        "javax.enterprise.contextx.Foo", "javax.enterprise.deploy.Foo", "javax.enterprise.deploy.x.Foo",
        // Only the listed CORBA packages are shared (CORBA_2_3 is not)
        "org.omg.CORBA", "org.omg.CORBAX.Foo", "org.omg.CORBA_2_3.ORB", "org.omg.CORBA_2_3.portable.X",
        "org.omg.CosNamingX.Foo", "org.omg.CosTransactions.Foo", "org.omg.Dynamic", "org.omg.DynamicX.Foo",
        "org.omg.Foo.Bar", "org.omg.IOPX.Foo", "org.omg.PortableServer", "org.omg.stub.Foo",
        "org.omg.stub.java.Foo", "org.omg.stub.java.rmi",
        // Components under org.apache.kafka that plugins may bundle
        "org.apache.kafka.connect.transforms.Cast", "org.apache.kafka.connect.transforms.Cast$Key",
        "org.apache.kafka.connect.transforms.InsertField$Value",
        "org.apache.kafka.connect.transforms.util.SimpleConfig",
        "org.apache.kafka.connect.transforms.util.Requirements",
        "org.apache.kafka.connect.transforms.field.SingleFieldPath",
        "org.apache.kafka.connect.transforms.sub.Transformation",
        "org.apache.kafka.connect.transforms.sub.TransformationFoo",
        "org.apache.kafka.connect.transforms.predicates", "org.apache.kafka.connect.transforms.predicates.",
        "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
        "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
        "org.apache.kafka.connect.transforms.predicates.Predicate$1",
        "org.apache.kafka.connect.transforms.predicates.Predicate$Foo",
        "org.apache.kafka.connect.transforms.predicates.PredicateX",
        "org.apache.kafka.connect.transforms.predicates.sub.Predicate",
        "org.apache.kafka.connect.json.JsonConverter", "org.apache.kafka.connect.json.JsonConverterConfig",
        "org.apache.kafka.connect.json.JsonSerializer", "org.apache.kafka.connect.json.",
        "org.apache.kafka.connect.file.FileStreamSourceConnector", "org.apache.kafka.connect.file.FileStreamSinkTask",
        "org.apache.kafka.connect.file.sub.Foo",
        "org.apache.kafka.connect.mirror.MirrorSourceConnector", "org.apache.kafka.connect.mirror.MirrorClient",
        "org.apache.kafka.connect.mirror.formatters.CheckpointFormatter",
        "org.apache.kafka.connect.mirror-client.MirrorClient",
        "org.apache.kafka.connect.converters.ByteArrayConverter", "org.apache.kafka.connect.converters.LongConverter",
        "org.apache.kafka.connect.converters.NumberConverter", "org.apache.kafka.connect.converters.sub.Foo",
        "org.apache.kafka.connect.storage.StringConverter", "org.apache.kafka.connect.storage.SimpleHeaderConverter",
        "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension",
        "org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.connector.policy.AbstractConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy$1",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicyFoo",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest$ClientType$1",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest$Foo",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequestX",
        "org.apache.kafka.connect.connector.policy.sub.ConnectorClientConfigOverridePolicy",
        "org.apache.kafka.common.config.provider.FileConfigProvider",
        "org.apache.kafka.common.config.provider.DirectoryConfigProvider",
        "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        "org.apache.kafka.common.config.provider.ConfigProvider$1",
        "org.apache.kafka.common.config.provider.ConfigProviderFoo",
        "org.apache.kafka.common.config.provider.sub.ConfigProvider"
    })
    void loadsInIsolation(String className) {
        assertTrue(rule.shouldLoadInIsolation(className), className + " should be loaded child-first");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // The JDK and the shared javax packages (every sub-package of a listed package is shared)
        "java.lang.String", "java.util.Map", "java.", "java.lang", "java.Foo",
        "javax.accessibility.Accessible", "javax.activation.DataHandler", "javax.activity.ActivityCompletedException",
        "javax.annotation.Nullable", "javax.annotation.processing.Processor", "javax.batch.api.Batchlet",
        "javax.batch.api.chunk.listener.Foo", "javax.batch.operations.JobOperator", "javax.batch.runtime.context.Foo",
        "javax.crypto.Cipher", "javax.crypto.spec.SecretKeySpec", "javax.decorator.Decorator", "javax.ejb.EJB",
        "javax.el.ELContext", "javax.enterprise.concurrent.Foo", "javax.enterprise.context.ApplicationScoped",
        "javax.enterprise.context.spi.Foo", "javax.enterprise.deploy.spi.Foo", "javax.enterprise.deploy.model.Foo",
        "javax.enterprise.deploy.shared.Foo", "javax.enterprise.event.Foo", "javax.enterprise.inject.Foo",
        "javax.enterprise.inject.spi.configurator.Foo", "javax.enterprise.util.Foo", "javax.faces.FacesException",
        "javax.imageio.ImageIO", "javax.inject.Inject", "javax.interceptor.Interceptor", "javax.jms.Message",
        "javax.json.Json", "javax.json.bind.Jsonb", "javax.jws.WebService", "javax.lang.model.SourceVersion",
        "javax.lang.model.element.Element", "javax.mail.Message", "javax.management.MBeanServer",
        "javax.management.Foo", "javax.management.j2ee.Management", "javax.management.openmbean.CompositeData",
        "javax.naming.Context", "javax.naming.ldap.LdapContext", "javax.net.SocketFactory",
        "javax.net.ssl.SSLContext", "javax.persistence.Entity", "javax.print.PrintService",
        "javax.resource.ResourceException", "javax.rmi.PortableRemoteObject", "javax.script.ScriptEngine",
        "javax.security.auth.Subject", "javax.security.auth.message.AuthException", "javax.security.cert.Certificate",
        "javax.security.jacc.PolicyContext", "javax.security.sasl.Sasl", "javax.servlet.Servlet",
        "javax.servlet.http.HttpServlet", "javax.sound.midi.MidiSystem", "javax.sound.sampled.AudioSystem",
        "javax.sql.DataSource", "javax.sql.rowset.RowSet", "javax.swing.JFrame", "javax.tools.JavaCompiler",
        "javax.transaction.Transaction", "javax.transaction.xa.XAResource", "javax.validation.Validator",
        "javax.websocket.Session", "javax.ws.rs.Path", "javax.ws.rs.core.Response", "javax.xml.XMLConstants",
        "javax.xml.parsers.DocumentBuilder", "javax.xml.bind.JAXB", "javax.xml.ws.Service", "javax.xml.bind",
        // CORBA, GSS, DOM, SAX, SLF4J
        "org.ietf.jgss.GSSContext", "org.omg.CORBA.ORB", "org.omg.CORBA.portable.X", "org.omg.CosNaming.NamingContext",
        "org.omg.Dynamic.Parameter", "org.omg.DynamicAny.DynAny", "org.omg.IOP.Codec",
        "org.omg.Messaging.SyncScopeHelper", "org.omg.PortableInterceptor.ORBInitializer",
        "org.omg.PortableServer.POA", "org.omg.PortableServer.POAPackage.X", "org.omg.SendingContext.RunTime",
        "org.omg.stub.java.rmi._Remote_Stub", "org.w3c.dom.Document", "org.w3c.dom.events.Event",
        "org.xml.sax.SAXException", "org.xml.sax.helpers.DefaultHandler", "org.slf4j.Logger", "org.slf4j.",
        "org.slf4j.impl.StaticLoggerBinder",
        // Kafka itself: clients, the Connect API and runtime
        "org.apache.kafka.", "org.apache.kafka.Foo", "org.apache.kafka.common.config.ConfigDef",
        "org.apache.kafka.clients.producer.KafkaProducer", "org.apache.kafka.common.utils.AppInfoParser",
        "org.apache.kafka.connect.data.Struct", "org.apache.kafka.connect.connector.Connector",
        "org.apache.kafka.connect.components.ConnectPlugin", "org.apache.kafka.connect.components.Versioned",
        "org.apache.kafka.connect.sink.SinkConnector", "org.apache.kafka.connect.source.SourceTask",
        "org.apache.kafka.connect.header.Headers", "org.apache.kafka.connect.errors.ConnectException",
        "org.apache.kafka.connect.runtime.WorkerConfig", "org.apache.kafka.connect.util.ConnectUtils",
        "org.apache.kafka.connect.jsonx.Foo", "org.apache.kafka.connect.json2.Foo",
        "org.apache.kafka.connect.transforms", "org.apache.kafka.connect.transformsx.Foo",
        "org.apache.kafka.connect.mirror", "org.apache.kafka.connect.mirror-client",
        "org.apache.kafka.common.config.provider",
        // ... including the plugin interfaces inside the isolated component packages
        "org.apache.kafka.connect.storage.Converter", "org.apache.kafka.connect.storage.HeaderConverter",
        "org.apache.kafka.connect.storage.StringConverterConfig", "org.apache.kafka.connect.storage.StringConverter$Foo",
        "org.apache.kafka.connect.storage.SimpleHeaderConverter$1", "org.apache.kafka.connect.storage.StringConverterX",
        "org.apache.kafka.connect.transforms.Transformation", "org.apache.kafka.connect.transforms.Transformation$1",
        "org.apache.kafka.connect.transforms.TransformationChain", "org.apache.kafka.connect.transforms.TransformationX$1",
        "org.apache.kafka.connect.transforms.predicates.Predicate",
        "org.apache.kafka.connect.rest.ConnectRestExtension",
        "org.apache.kafka.connect.rest.basic.auth.extension.JaasBasicAuthFilter",
        "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension$1",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest$ClientType",
        "org.apache.kafka.common.config.provider.ConfigProvider", "org.apache.kafka.common.config.ConfigProvider"
    })
    void loadsFromTheWorkerFirst(String className) {
        assertFalse(rule.shouldLoadInIsolation(className), className + " should be loaded parent-first");
    }
}
