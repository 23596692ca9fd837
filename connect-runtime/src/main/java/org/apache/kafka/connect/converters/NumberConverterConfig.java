package org.apache.kafka.connect.converters;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.storage.ConverterConfig;

import java.util.Map;

/**
 * Configuration shared by the number converters ({@link ShortConverter}, {@link IntegerConverter},
 * {@link LongConverter}, {@link FloatConverter}, {@link DoubleConverter}): only {@code converter.type}.
 */
public class NumberConverterConfig extends ConverterConfig {

    private static final ConfigDef CONFIG = ConverterConfig.newConfigDef();

    public static ConfigDef configDef() {
        return CONFIG;
    }

    public NumberConverterConfig(Map<String, ?> props) {
        super(CONFIG, props);
    }
}
