package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalRequestSignatureTest {

    private static final SecretKey KEY = key((byte) 1);
    private static final SessionKeyUpdate SESSION_KEY = new SessionKeyUpdate(KEY, 1_000L);
    private static final byte[] BODY = "[{\"topics\":\"t\"}]".getBytes(StandardCharsets.UTF_8);

    private final InternalRequestVerifier verifier = new InternalRequestVerifier(List.of("HmacSHA256", "HmacSHA512"));

    private static SecretKey key(byte fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, fill);
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static InternalRequestSignature received(byte[] body, Map<String, String> headers) {
        return InternalRequestSignature.fromHeaders(body, headers::get);
    }

    private ConnectRestException refusal(InternalRequestSignature signature, SessionKeyUpdate key) {
        return assertThrows(ConnectRestException.class, () -> verifier.verify(signature, key));
    }

    @Test
    void signsWithTheNamedMacOverTheBodyBytes() throws Exception {
        Map<String, String> headers = InternalRequestSignature.sign(KEY, "HmacSHA256", BODY);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(KEY);
        assertArrayEquals(mac.doFinal(BODY), Base64.getDecoder().decode(headers.get("X-Connect-Authorization")));
        assertEquals("HmacSHA256", headers.get("X-Connect-Request-Signature-Algorithm"));
        assertEquals(2, headers.size());
    }

    @Test
    void roundTripIsAccepted() {
        for (String algorithm : List.of("HmacSHA256", "HmacSHA512")) {
            InternalRequestSignature signature =
                    received(BODY, InternalRequestSignature.sign(KEY, algorithm, BODY));
            assertEquals(algorithm, signature.algorithm());
            assertTrue(signature.isValid(KEY));
            verifier.verify(signature, SESSION_KEY);
        }
    }

    @Test
    void emptyBodyIsTheMacOfZeroBytes() throws Exception {
        Map<String, String> headers = InternalRequestSignature.sign(KEY, "HmacSHA256", null);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(KEY);
        assertEquals(Base64.getEncoder().encodeToString(mac.doFinal(new byte[0])),
                headers.get(InternalRequestSignature.SIGNATURE_HEADER));

        verifier.verify(received(new byte[0], headers), SESSION_KEY);
        verifier.verify(received(null, headers), SESSION_KEY);
    }

    @Test
    void wrongKeyIsForbidden() {
        InternalRequestSignature signature = received(BODY, InternalRequestSignature.sign(key((byte) 2), "HmacSHA256",
                BODY));
        ConnectRestException e = refusal(signature, SESSION_KEY);
        assertEquals(403, e.statusCode());
        assertEquals(403, e.errorCode());
        assertEquals("Internal request contained invalid signature.", e.getMessage());
    }

    @Test
    void alteredBodyIsForbidden() {
        Map<String, String> headers = InternalRequestSignature.sign(KEY, "HmacSHA256", BODY);
        byte[] altered = "[{\"topics\":\"u\"}]".getBytes(StandardCharsets.UTF_8);
        assertFalse(received(altered, headers).isValid(KEY));
        assertEquals(403, refusal(received(altered, headers), SESSION_KEY).statusCode());
    }

    @Test
    void missingHeaderIsABadRequest() {
        Map<String, String> headers = InternalRequestSignature.sign(KEY, "HmacSHA256", BODY);
        for (String header : headers.keySet()) {
            Map<String, String> partial = new HashMap<>(headers);
            partial.remove(header);
            InternalRequestSignature signature = received(BODY, partial);
            assertNull(signature);
            ConnectRestException e = refusal(signature, SESSION_KEY);
            assertInstanceOf(BadRequestException.class, e);
            assertEquals(400, e.statusCode());
            assertEquals("Internal request missing required signature", e.getMessage());
        }
    }

    @Test
    void missingHeaderIsCheckedBeforeTheSessionKey() {
        assertEquals(400, refusal(null, null).statusCode());
    }

    @Test
    void algorithmOutsideTheVerificationListIsABadRequest() {
        Map<String, String> headers = InternalRequestSignature.sign(KEY, "HmacSHA1", BODY);
        ConnectRestException e = refusal(received(BODY, headers), null);
        assertInstanceOf(BadRequestException.class, e);
        assertTrue(e.getMessage().contains("HmacSHA1"), e.getMessage());
    }

    @Test
    void unknownAlgorithmIsABadRequest() {
        InternalRequestVerifier lenient = new InternalRequestVerifier(List.of("HmacSHA256", "NoSuchMac"));
        Map<String, String> headers = new HashMap<>(InternalRequestSignature.sign(KEY, "HmacSHA256", BODY));
        headers.put(InternalRequestSignature.ALGORITHM_HEADER, "NoSuchMac");
        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> lenient.verify(received(BODY, headers), null));
        assertInstanceOf(BadRequestException.class, e);
        assertTrue(e.getMessage().contains("NoSuchMac"), e.getMessage());
    }

    @Test
    void signatureThatIsNotBase64IsABadRequest() {
        Map<String, String> headers = new HashMap<>(InternalRequestSignature.sign(KEY, "HmacSHA256", BODY));
        headers.put(InternalRequestSignature.SIGNATURE_HEADER, "not*base64!");
        ConnectRestException e = refusal(received(BODY, headers), SESSION_KEY);
        assertInstanceOf(BadRequestException.class, e);
        assertTrue(e.getMessage().contains("Base64"), e.getMessage());
    }

    @Test
    void noSessionKeyIsServiceUnavailable() {
        ConnectRestException e = refusal(received(BODY, InternalRequestSignature.sign(KEY, "HmacSHA256", BODY)), null);
        assertEquals(503, e.statusCode());
        assertEquals("This worker is still starting up and has not been able to read a session key from the config "
                + "topic yet", e.getMessage());
    }

    @Test
    void signingWithAnUnknownAlgorithmFails() {
        assertThrows(IllegalArgumentException.class, () -> InternalRequestSignature.sign(KEY, "NoSuchMac", BODY));
    }
}
