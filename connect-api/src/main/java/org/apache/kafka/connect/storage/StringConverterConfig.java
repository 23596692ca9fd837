package org.apache.kafka.connect.storage;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Configuration of {@link StringConverter}: {@code converter.type} plus {@code converter.encoding}.
 */
@InterfaceAudience.Public
public class StringConverterConfig extends ConverterConfig {

    public static final String ENCODING_CONFIG = "converter.encoding";
    // Not a compile-time constant, so callers always read the current value.
    public static final String ENCODING_DEFAULT = StandardCharsets.UTF_8.name();

    private static final String ENCODING_DOC = "The name of the Java character set to use for encoding strings as byte arrays.";
    private static final String ENCODING_DISPLAY = "Encoding";

    /**
     * @return a new definition of the converter's configuration
     */
    public static ConfigDef configDef() {
        return newConfigDef()
                .define(ENCODING_CONFIG, Type.STRING, ENCODING_DEFAULT, Importance.HIGH, ENCODING_DOC,
                        null, -1, Width.MEDIUM, ENCODING_DISPLAY);
    }

    public StringConverterConfig(Map<String, ?> props) {
        super(configDef(), props);
    }

    /**
     * @return the name of the character set strings are encoded with
     */
    public String encoding() {
        return getString(ENCODING_CONFIG);
    }
}
