package org.apache.kafka.connect.converters;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour of the runtime's stock converters that the golden vectors do not pin down: registration, version,
 * configuration handling and ByteBuffer input. Conversions themselves are covered by the conformance suite.
 */
class RuntimeConvertersTest {

    private static final Set<String> STOCK = Set.of(
            ByteArrayConverter.class.getName(), BooleanConverter.class.getName(), ShortConverter.class.getName(),
            IntegerConverter.class.getName(), LongConverter.class.getName(), FloatConverter.class.getName(),
            DoubleConverter.class.getName());

    @Test
    void everyStockConverterIsRegisteredAsConverterAndHeaderConverter() {
        Set<String> converters = ServiceLoader.load(Converter.class).stream()
                .map(provider -> provider.type().getName()).collect(Collectors.toSet());
        Set<String> headerConverters = ServiceLoader.load(HeaderConverter.class).stream()
                .map(provider -> provider.type().getName()).collect(Collectors.toSet());
        assertTrue(converters.containsAll(STOCK), "Converter services: " + converters);
        assertTrue(headerConverters.containsAll(STOCK), "HeaderConverter services: " + headerConverters);
    }

    @Test
    void versionIsTheKafkaVersionAndConfigDefinesConverterType() {
        for (Converter converter : List.of(new ByteArrayConverter(), new BooleanConverter(), new LongConverter())) {
            assertEquals(AppInfoParser.getVersion(), converter.version());
            assertTrue(converter.config().names().contains(ConverterConfig.TYPE_CONFIG));
        }
    }

    @Test
    void keyOrValueRoleReplacesAnyConfiguredConverterType() {
        // "bogus" would fail validation if it reached NumberConverterConfig unchanged.
        Map<String, String> configs = Map.of(ConverterConfig.TYPE_CONFIG, "bogus");
        new IntegerConverter().configure(configs, true);
        new BooleanConverter().configure(configs, false);
        assertThrows(ConfigException.class, () -> new IntegerConverter().configure(configs));
    }

    @Test
    void headerConfigurationRequiresConverterTypeExceptForByteArrays() {
        assertThrows(ConfigException.class, () -> new DoubleConverter().configure(Map.of()));
        assertThrows(ConfigException.class, () -> new BooleanConverter().configure(Map.of()));
        new ByteArrayConverter().configure(Map.of());
    }

    @Test
    void numberConvertersNeitherWidenNorNarrow() {
        LongConverter converter = new LongConverter();
        converter.configure(Map.of(), false);
        DataException error = assertThrows(DataException.class,
                () -> converter.fromConnectData("t", Schema.INT64_SCHEMA, 5));
        assertInstanceOf(ClassCastException.class, error.getCause());
        assertArrayEquals(new byte[]{0, 0, 0, 0, 0, 0, 0, 5}, converter.fromConnectData("t", null, 5L));
        SchemaAndValue read = converter.toConnectData("t", null);
        assertSame(Schema.OPTIONAL_INT64_SCHEMA, read.schema());
        assertNull(read.value());
    }

    @Test
    void byteArrayConverterPassesArraysThroughAndReadsBuffersLikeAProducer() {
        ByteArrayConverter converter = new ByteArrayConverter();
        byte[] array = {1, 2, 3, 4};
        assertSame(array, converter.fromConnectData("t", Schema.BYTES_SCHEMA, array));
        assertSame(array, converter.toConnectData("t", array).value());
        ByteBuffer slice = ByteBuffer.wrap(array).slice(1, 2);
        assertArrayEquals(new byte[]{2, 3}, converter.fromConnectData("t", null, slice));
    }
}
