package io.jenkins.plugins.nvflare.client.f3;

/**
 * CellNet message header keys and values (nvflare/fuel/f3/cellnet/defs.py) and the FL-level auth
 * headers (nvflare/apis/fl_constant.py CellMessageAuthHeaderKey) that ride in the SFM header map.
 */
final class CellHeaders {
    static final String MSG_TYPE = "cn__msg_type";
    static final String REQ_ID = "cn__req_id";
    static final String REPLY_EXPECTED = "cn__reply_expected";
    static final String TOPIC = "cn__topic";
    static final String ORIGIN = "cn__origin";
    static final String DESTINATION = "cn__destination";
    static final String FROM_CELL = "cn__from";
    static final String TO_CELL = "cn__to";
    static final String CHANNEL = "cn__channel";
    static final String RETURN_CODE = "cn__return_code";
    static final String ERROR = "cn__error";
    static final String PAYLOAD_ENCODING = "cn__payload_encoding";
    static final String ROUTE = "cn__route";
    static final String SEND_TIME = "cn__send_time";
    static final String SECURE = "cn__secure";
    static final String OPTIONAL = "cn__optional";
    static final String PAYLOAD_LEN = "cn__payload_len";

    static final String MSG_TYPE_REQ = "req";
    static final String MSG_TYPE_REPLY = "reply";
    static final String MSG_TYPE_RETURN = "return";

    static final String ENCODING_BYTES = "bytes";
    static final String ENCODING_FOBS = "fobs";
    static final String ENCODING_NONE = "none";

    static final String RC_OK = "ok";
    static final String RC_TIMEOUT = "timeout";

    /** Added to every message after registration (fuel/sec/authn.py add_authentication_headers). */
    static final String AUTH_CLIENT_NAME = "client_name";
    static final String AUTH_SSID = "ssid";
    static final String AUTH_TOKEN = "__token__";
    static final String AUTH_TOKEN_SIGNATURE = "__token_signature__";

    /** The root server's FQCN. */
    static final String SERVER = "server";

    /** Channels and topics the admin client uses (cellnet/defs.py CellChannel, CellChannelTopic). */
    static final String CHANNEL_SERVER_MAIN = "task";
    static final String TOPIC_CHALLENGE = "challenge";
    static final String TOPIC_REGISTER = "register";
    static final String CHANNEL_HCI = "hci_channel";
    static final String TOPIC_COMMAND = "command";

    private CellHeaders() {}
}
