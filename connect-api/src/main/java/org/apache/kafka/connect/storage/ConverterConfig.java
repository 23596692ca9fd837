package org.apache.kafka.connect.storage;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.Arrays;
import java.util.Map;

/**
 * Base class of converter configurations. It defines {@code converter.type}, which the runtime sets to
 * {@code key}, {@code value} or {@code header} depending on how the converter is used.
 */
@InterfaceAudience.Public
public abstract class ConverterConfig extends AbstractConfig {

    public static final String TYPE_CONFIG = "converter.type";
    private static final String TYPE_DOC = "How this converter will be used.";

    /**
     * @return a new definition holding {@code converter.type} (required), to which subclasses add their keys
     */
    public static ConfigDef newConfigDef() {
        String[] typeNames = Arrays.stream(ConverterType.values()).map(ConverterType::getName).toArray(String[]::new);
        return new ConfigDef()
                .define(TYPE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.ValidString.in(typeNames),
                        Importance.LOW, TYPE_DOC);
    }

    protected ConverterConfig(ConfigDef configDef, Map<String, ?> props) {
        super(configDef, props);
    }

    /**
     * @return how the converter is used
     */
    public ConverterType type() {
        return ConverterType.withName(getString(TYPE_CONFIG));
    }
}
