package org.apache.kafka.connect.converters;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.storage.ConverterConfig;

import java.util.Map;

/**
 * Configuration of {@link BooleanConverter}: only the common {@code converter.type} setting.
 */
public class BooleanConverterConfig extends ConverterConfig {

    private static final ConfigDef CONFIG = ConverterConfig.newConfigDef();

    public static ConfigDef configDef() {
        return CONFIG;
    }

    public BooleanConverterConfig(Map<String, ?> props) {
        super(CONFIG, props);
    }
}
