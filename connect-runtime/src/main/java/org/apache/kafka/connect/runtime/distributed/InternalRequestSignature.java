package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The signature of an internal REST request between workers (rest-api.md §1.3): a MAC of the exact request body
 * bytes under the cluster's session key, carried Base64-encoded in {@value #SIGNATURE_HEADER} with the MAC algorithm
 * in {@value #ALGORITHM_HEADER}. Senders use {@link #sign}; receivers {@link #fromHeaders parse} the headers and
 * let {@link InternalRequestVerifier} decide.
 */
public final class InternalRequestSignature {

    public static final String SIGNATURE_HEADER = "X-Connect-Authorization";
    public static final String ALGORITHM_HEADER = "X-Connect-Request-Signature-Algorithm";

    private static final byte[] NO_BODY = new byte[0];

    private final byte[] body;
    private final String algorithm;
    private final String encodedSignature;

    private InternalRequestSignature(byte[] body, String algorithm, String encodedSignature) {
        this.body = body;
        this.algorithm = algorithm;
        this.encodedSignature = encodedSignature;
    }

    /**
     * The headers that sign {@code body} with {@code key}.
     *
     * @param algorithm a {@link Mac} algorithm, e.g. {@code HmacSHA256}
     * @param body      the exact bytes that will be sent; null for no body
     * @throws IllegalArgumentException if the JVM has no such MAC or the key does not fit it
     */
    public static Map<String, String> sign(SecretKey key, String algorithm, byte[] body) {
        Objects.requireNonNull(key, "key");
        Mac mac;
        try {
            mac = Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("Cannot sign internal requests with unknown algorithm " + algorithm, e);
        }
        byte[] signature;
        try {
            signature = mac(mac, key, body == null ? NO_BODY : body);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("The session key cannot be used with " + algorithm, e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signature));
        headers.put(ALGORITHM_HEADER, algorithm);
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Reads the signature of a received request; its well-formedness is checked later, by
     * {@link #ensureWellFormed} and {@link #isValid}.
     *
     * @param body    the raw request body; null for none (signed as zero bytes)
     * @param headers looks up a request header by name, null when absent
     * @return the signature, or null if either header is missing
     */
    public static InternalRequestSignature fromHeaders(byte[] body, Function<String, String> headers) {
        String encoded = headers.apply(SIGNATURE_HEADER);
        String algorithm = headers.apply(ALGORITHM_HEADER);
        if (encoded == null || algorithm == null) {
            return null;
        }
        return new InternalRequestSignature(body == null ? NO_BODY : body.clone(), algorithm, encoded);
    }

    /** The MAC algorithm the sender named. */
    public String algorithm() {
        return algorithm;
    }

    /**
     * Checks what can be checked without a key: the JVM knows the MAC algorithm and the signature is Base64.
     *
     * @throws BadRequestException if not
     */
    public void ensureWellFormed() {
        newMac();
        decodedSignature();
    }

    /**
     * Whether the signature is the MAC of the body under {@code key}, compared in constant time so that the time
     * taken reveals nothing about how much of a forged signature was right.
     *
     * @throws BadRequestException if the signature is not {@link #ensureWellFormed well formed}
     */
    public boolean isValid(SecretKey key) {
        Mac mac = newMac();
        byte[] signature = decodedSignature();
        try {
            return MessageDigest.isEqual(mac(mac, key, body), signature);
        } catch (InvalidKeyException e) {
            // A key that does not fit the algorithm cannot have produced this signature.
            return false;
        }
    }

    private Mac newMac() {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new BadRequestException("Internal request signed with algorithm " + algorithm
                    + ", which this worker's JVM does not provide", e);
        }
    }

    private byte[] decodedSignature() {
        try {
            return Base64.getDecoder().decode(encodedSignature);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Internal request signature in header " + SIGNATURE_HEADER
                    + " is not valid Base64", e);
        }
    }

    private static byte[] mac(Mac mac, SecretKey key, byte[] body) throws InvalidKeyException {
        mac.init(key);
        return mac.doFinal(body);
    }

    @Override
    public String toString() {
        return "InternalRequestSignature[algorithm=" + algorithm + ']';
    }
}
