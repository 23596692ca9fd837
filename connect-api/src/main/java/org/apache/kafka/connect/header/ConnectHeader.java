package org.apache.kafka.connect.header;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

import java.util.Objects;

/**
 * The immutable {@link Header} created by {@link ConnectHeaders}. Equal to any header with the same key, schema and
 * value.
 */
class ConnectHeader implements Header {

    private final String key;
    private final SchemaAndValue schemaAndValue;

    protected ConnectHeader(String key, SchemaAndValue schemaAndValue) {
        this.key = Objects.requireNonNull(key, "Null header keys are not permitted");
        this.schemaAndValue = schemaAndValue != null ? schemaAndValue : SchemaAndValue.NULL;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Object value() {
        return schemaAndValue.value();
    }

    @Override
    public Schema schema() {
        return schemaAndValue.schema();
    }

    @Override
    public Header rename(String key) {
        return new ConnectHeader(key, schemaAndValue);
    }

    @Override
    public Header with(Schema schema, Object value) {
        return new ConnectHeader(key, new SchemaAndValue(schema, value));
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, schema(), value());
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof Header)) {
            return false;
        }
        Header that = (Header) obj;
        return key.equals(that.key())
                && Objects.equals(schema(), that.schema())
                && Objects.equals(value(), that.value());
    }

    @Override
    public String toString() {
        return "ConnectHeader(key=" + key + ", value=" + value() + ", schema=" + schema() + ")";
    }
}
