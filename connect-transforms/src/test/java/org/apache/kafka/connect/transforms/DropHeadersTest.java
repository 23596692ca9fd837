package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DropHeadersTest {

    private static DropHeaders<SinkRecord> configured(Map<String, String> props) {
        DropHeaders<SinkRecord> transform = new DropHeaders<>();
        transform.configure(props);
        return transform;
    }

    @Test
    void rejectsMissingEmptyOrBlankHeaderNames() {
        assertThrows(ConfigException.class, () -> configured(Map.of()));
        assertThrows(ConfigException.class, () -> configured(Map.of("headers", "")));
        assertThrows(ConfigException.class, () -> configured(Map.of("headers", "a,,b")));
    }

    @Test
    void removesEveryHeaderWithAConfiguredKeyKeepingTheOrderOfTheOthers() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("a", "1").addInt("b", 2).addString("a", "3").addBoolean("c", true).addString("A", "x");
        SinkRecord input = new SinkRecord("t", 0, null, null, null, null, 0L, null, null, headers);

        SinkRecord result = configured(Map.of("headers", "a, c")).apply(input);

        List<String> keys = new ArrayList<>();
        for (Header header : result.headers()) {
            keys.add(header.key());
        }
        assertEquals(List.of("b", "A"), keys);
        assertEquals(5, input.headers().size());
    }
}
