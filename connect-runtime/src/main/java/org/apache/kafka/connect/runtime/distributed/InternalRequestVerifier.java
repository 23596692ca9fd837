package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;

import java.util.List;

/**
 * Decides whether an internal request (task configs, zombie fencing) may be served, in the order rest-api.md §1.3
 * fixes: a missing signature and one this worker cannot check are the sender's fault (400); a worker that has not read
 * a session key yet cannot judge (503); a signature that does not match the current key is refused (403). Only used
 * while the group runs the {@code sessioned} protocol.
 */
public final class InternalRequestVerifier {

    static final String MISSING_SIGNATURE_MESSAGE = "Internal request missing required signature";
    static final String NO_SESSION_KEY_MESSAGE =
            "This worker is still starting up and has not been able to read a session key from the config topic yet";
    static final String INVALID_SIGNATURE_MESSAGE = "Internal request contained invalid signature.";

    private final List<String> verificationAlgorithms;

    /** @param verificationAlgorithms the worker's {@code inter.worker.verification.algorithms} */
    public InternalRequestVerifier(List<String> verificationAlgorithms) {
        this.verificationAlgorithms = List.copyOf(verificationAlgorithms);
    }

    /**
     * @param signature  the request's signature as {@link InternalRequestSignature#fromHeaders parsed}; null if absent
     * @param sessionKey the current session key; null if none has been read yet
     * @throws BadRequestException  (400) if the signature is missing, uses a refused or unknown algorithm, or is not
     *                              Base64
     * @throws ConnectRestException 503 without a session key, 403 if the signature does not match it
     */
    public void verify(InternalRequestSignature signature, SessionKeyUpdate sessionKey) {
        if (signature == null) {
            throw new BadRequestException(MISSING_SIGNATURE_MESSAGE);
        }
        if (!verificationAlgorithms.contains(signature.algorithm())) {
            throw new BadRequestException("This worker does not accept internal requests signed with "
                    + signature.algorithm() + "; its " + DistributedConfig.INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG
                    + " are " + verificationAlgorithms + ". All workers must accept each other's "
                    + DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG);
        }
        signature.ensureWellFormed();
        if (sessionKey == null) {
            throw new ConnectRestException(503, NO_SESSION_KEY_MESSAGE);
        }
        if (!signature.isValid(sessionKey.secretKey())) {
            throw new ConnectRestException(403, INVALID_SIGNATURE_MESSAGE);
        }
    }
}
