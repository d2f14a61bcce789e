package io.jenkins.plugins.nvflare.client.f3.cell;

/**
 * CellNet message header keys and values (nvflare/fuel/f3/cellnet/defs.py) and the FL-level auth
 * headers (nvflare/apis/fl_constant.py CellMessageAuthHeaderKey) that ride in the SFM header map.
 */
public final class CellHeaders {
    public static final String MSG_TYPE = "cn__msg_type";
    public static final String REQ_ID = "cn__req_id";
    public static final String REPLY_EXPECTED = "cn__reply_expected";
    public static final String TOPIC = "cn__topic";
    static final String ORIGIN = "cn__origin";
    public static final String DESTINATION = "cn__destination";
    static final String FROM_CELL = "cn__from";
    static final String TO_CELL = "cn__to";
    public static final String CHANNEL = "cn__channel";
    public static final String RETURN_CODE = "cn__return_code";
    static final String ERROR = "cn__error";
    public static final String PAYLOAD_ENCODING = "cn__payload_encoding";
    static final String ROUTE = "cn__route";
    static final String SEND_TIME = "cn__send_time";
    static final String SECURE = "cn__secure";
    static final String OPTIONAL = "cn__optional";
    static final String PAYLOAD_LEN = "cn__payload_len";

    static final String MSG_TYPE_REQ = "req";
    public static final String MSG_TYPE_REPLY = "reply";
    static final String MSG_TYPE_RETURN = "return";

    static final String ENCODING_BYTES = "bytes";
    public static final String ENCODING_FOBS = "fobs";
    public static final String ENCODING_NONE = "none";

    public static final String RC_OK = "ok";
    public static final String RC_TIMEOUT = "timeout";

    /** Added to every message after registration (fuel/sec/authn.py add_authentication_headers). */
    public static final String AUTH_CLIENT_NAME = "client_name";

    public static final String AUTH_SSID = "ssid";
    public static final String AUTH_TOKEN = "__token__";
    public static final String AUTH_TOKEN_SIGNATURE = "__token_signature__";

    /** The root server's FQCN. */
    public static final String SERVER = "server";

    /** Channels and topics the admin client uses (cellnet/defs.py CellChannel, CellChannelTopic). */
    public static final String CHANNEL_SERVER_MAIN = "task";

    public static final String TOPIC_CHALLENGE = "challenge";
    public static final String TOPIC_REGISTER = "register";
    public static final String CHANNEL_HCI = "hci_channel";
    public static final String TOPIC_COMMAND = "command";

    private CellHeaders() {}
}
