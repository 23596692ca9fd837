package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Body of {@code GET}/{@code PATCH /connectors/{c}/offsets}: a list of partition → offset pairs. */
public record ConnectorOffsets(@JsonProperty("offsets") List<ConnectorOffset> offsets) {

    /** The offsets as a map (partition → offset, offset may be {@code null}), the form the worker works with. */
    public Map<Map<String, ?>, Map<String, ?>> toMap() {
        Map<Map<String, ?>, Map<String, ?>> result = new HashMap<>();
        for (ConnectorOffset offset : offsets) {
            result.put(offset.partition(), offset.offset());
        }
        return result;
    }
}
