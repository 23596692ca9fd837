package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.runtime.WorkerConfig;

import java.util.Map;

/**
 * Properties of a standalone worker: the common worker properties plus the file that stores source offsets
 * (worker-config.md §2). Parse with the plugins' delegating loader current, as {@link WorkerConfig} explains.
 */
public class StandaloneConfig extends WorkerConfig {

    public static final String OFFSET_STORAGE_FILE_FILENAME_CONFIG = "offset.storage.file.filename";

    private static final ConfigDef CONFIG = baseConfigDef()
            .define(OFFSET_STORAGE_FILE_FILENAME_CONFIG, Type.STRING, Importance.HIGH,
                    "File in which source connectors' offsets are stored.");

    public StandaloneConfig(Map<String, String> props) {
        super(CONFIG, props);
    }

    /** A copy of the definitions, e.g. for documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String offsetStorageFileName() {
        return getString(OFFSET_STORAGE_FILE_FILENAME_CONFIG);
    }
}
