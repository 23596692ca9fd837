package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A UTF-8 string converter and header converter that remembers the thread context class loader each kind of call
 * ran with.
 */
public class ContextLoaderRecordingConverter implements Converter, HeaderConverter {

    volatile ClassLoader configureLoader;
    volatile ClassLoader toConnectDataLoader;
    volatile ClassLoader fromConnectDataLoader;
    volatile ClassLoader toConnectHeaderLoader;
    volatile ClassLoader fromConnectHeaderLoader;
    volatile ClassLoader closeLoader;

    private static ClassLoader current() {
        return Thread.currentThread().getContextClassLoader();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configureLoader = current();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        configureLoader = current();
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw new AssertionError("the worker calls the variant with headers");
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        fromConnectDataLoader = current();
        return bytes(value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        throw new AssertionError("the worker calls the variant with headers");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        toConnectDataLoader = current();
        return string(value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        toConnectHeaderLoader = current();
        return string(value);
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        fromConnectHeaderLoader = current();
        return bytes(value);
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public void close() {
        closeLoader = current();
    }

    private static SchemaAndValue string(byte[] value) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA,
                value == null ? null : new String(value, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(Object value) {
        return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
