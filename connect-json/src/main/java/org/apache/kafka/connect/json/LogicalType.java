package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The JSON representation of Connect's logical types. A schema is treated as logical purely by its name, whatever
 * its underlying type: {@code Decimal} as Base64 bytes or a number, {@code Date} as days since the epoch,
 * {@code Time} as milliseconds of the day, {@code Timestamp} as milliseconds since the epoch.
 * Values are never {@code null} here; the caller has already dealt with nulls and defaults.
 */
enum LogicalType {

    DECIMAL(Decimal.LOGICAL_NAME) {
        @Override
        JsonNode toJson(Schema schema, Object value, DecimalFormat format) {
            if (!(value instanceof BigDecimal)) {
                throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.getClass());
            }
            BigDecimal decimal = (BigDecimal) value;
            // NUMERIC writes the value as given, even if its scale differs from the schema's.
            return format == DecimalFormat.NUMERIC
                    ? DecimalNode.valueOf(decimal)
                    : BinaryNode.valueOf(Decimal.fromLogical(schema, decimal));
        }

        @Override
        Object toConnect(Schema schema, JsonNode node) {
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isBinary() || node.isTextual()) {
                try {
                    return Decimal.toLogical(schema, node.binaryValue());
                } catch (Exception e) {
                    throw new DataException("Invalid bytes for Decimal field", e);
                }
            }
            throw new DataException("Invalid type for Decimal, underlying representation should be numeric or bytes "
                    + "but was " + node.getNodeType());
        }
    },

    DATE(Date.LOGICAL_NAME) {
        @Override
        JsonNode toJson(Schema schema, Object value, DecimalFormat format) {
            return IntNode.valueOf(Date.fromLogical(schema, javaDate(value, "Date")));
        }

        @Override
        Object toConnect(Schema schema, JsonNode node) {
            return Date.toLogical(schema, intValue(node, "Date"));
        }
    },

    TIME(Time.LOGICAL_NAME) {
        @Override
        JsonNode toJson(Schema schema, Object value, DecimalFormat format) {
            return IntNode.valueOf(Time.fromLogical(schema, javaDate(value, "Time")));
        }

        @Override
        Object toConnect(Schema schema, JsonNode node) {
            return Time.toLogical(schema, intValue(node, "Time"));
        }
    },

    TIMESTAMP(Timestamp.LOGICAL_NAME) {
        @Override
        JsonNode toJson(Schema schema, Object value, DecimalFormat format) {
            return LongNode.valueOf(Timestamp.fromLogical(schema, javaDate(value, "Timestamp")));
        }

        @Override
        Object toConnect(Schema schema, JsonNode node) {
            if (!node.isIntegralNumber()) {
                throw new DataException("Invalid type for Timestamp, underlying representation should be integral "
                        + "but was " + node.getNodeType());
            }
            return Timestamp.toLogical(schema, node.longValue());
        }
    };

    private static final Map<String, LogicalType> BY_NAME = Map.of(
            DECIMAL.logicalName, DECIMAL,
            DATE.logicalName, DATE,
            TIME.logicalName, TIME,
            TIMESTAMP.logicalName, TIMESTAMP);

    private final String logicalName;

    LogicalType(String logicalName) {
        this.logicalName = logicalName;
    }

    /** @return the logical type named by the schema, or {@code null} if the schema is not a logical one */
    static LogicalType of(Schema schema) {
        String name = schema.name();
        return name == null ? null : BY_NAME.get(name);
    }

    abstract JsonNode toJson(Schema schema, Object value, DecimalFormat format);

    abstract Object toConnect(Schema schema, JsonNode node);

    private static java.util.Date javaDate(Object value, String typeName) {
        if (!(value instanceof java.util.Date)) {
            throw new DataException("Invalid type for " + typeName + ", expected Date but was " + value.getClass());
        }
        return (java.util.Date) value;
    }

    private static int intValue(JsonNode node, String typeName) {
        if (!node.isInt()) {
            throw new DataException("Invalid type for " + typeName + ", underlying representation should be integer "
                    + "but was " + node.getNodeType());
        }
        return node.intValue();
    }
}
