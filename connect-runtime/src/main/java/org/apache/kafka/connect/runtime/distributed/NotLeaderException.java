package org.apache.kafka.connect.runtime.distributed;

/** The request must be served by the leader; {@link #forwardUrl()} is the leader's REST URL if known. */
public class NotLeaderException extends RequestTargetException {

    public NotLeaderException(String message, String leaderUrl) {
        super(message, leaderUrl);
    }

    public NotLeaderException(String message, Throwable cause, String leaderUrl) {
        super(message, cause, leaderUrl);
    }
}
