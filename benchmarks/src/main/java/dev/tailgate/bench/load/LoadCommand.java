package dev.tailgate.bench.load;

/**
 * The commands a load shape's mix may contain, and the kind of key each works on. Every
 * command with a key works on a key of its own family ({@link Family}), so INCR always finds
 * an integer, HGET a hash and RPOP a list: a mix never measures WRONGTYPE errors.
 */
public enum LoadCommand {
    GET(Family.STRING, false),
    SET(Family.STRING, true),
    PING(Family.NONE, false),
    INCR(Family.COUNTER, false),
    HGET(Family.HASH, false),
    HSET(Family.HASH, true),
    LPUSH(Family.LIST, true),
    RPOP(Family.LIST, false);

    /** The kind of key a command reads or writes; each family has its own keys. */
    public enum Family { NONE, STRING, COUNTER, HASH, LIST }

    private final Family family;
    private final boolean carriesValue;

    LoadCommand(Family family, boolean carriesValue) {
        this.family = family;
        this.carriesValue = carriesValue;
    }

    public Family family() {
        return family;
    }

    /** True when the command sends a value (its size drawn from the shape's value sizes). */
    public boolean carriesValue() {
        return carriesValue;
    }

    /** The names the {@code mix} parameter accepts, for error messages. */
    static String names() {
        StringBuilder sb = new StringBuilder();
        for (LoadCommand c : values()) {
            sb.append(sb.length() == 0 ? "" : ",").append(c.name());
        }
        return sb.toString();
    }
}
