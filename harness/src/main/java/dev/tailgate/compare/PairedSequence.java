package dev.tailgate.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The looks of one adaptive A/B, in the order they happen: which are due as rounds arrive, when
 * to stop, and the last look when the time budget ends first. Pure bookkeeping over
 * {@link PairedCompare}; the engine feeds it rounds and asks.
 *
 * <p>The schedule is fixed before the data can influence it: with {@code --rounds N} one look
 * at N; with a budget, after the first round (the pilot) from the time that round took
 * ({@link LookSchedule#forBudget}). Rounds may arrive several at a time (an alternated fork
 * brings a fork's worth); every look due is then taken in order, each on exactly its own first
 * rounds, and the first that stops ends the sequence, so arriving in bulk changes nothing.
 *
 * <p>A look at half the schedule's rounds or later also stops the sequence when every gating
 * check that is still open is futile: the spread observed (or, for a check too small to judge,
 * the samples per round) says it would need more rounds than the schedule's last look has, or
 * no number of rounds would do. Stopping for futility can only withhold claims, never make one,
 * so it costs no error.
 *
 * <p>When the budget ends before the schedule's last look, one closing look at the rounds
 * measured spends the error the earlier looks left ({@code alpha / 2} per direction minus what
 * they spent). The moment it happens depends on the clock, not on the data, so the union bound
 * over the looks actually taken still holds.
 */
public final class PairedSequence {
    private final CompareConfig config;
    private final LookSchedule.Spending spending;
    private LookSchedule schedule;
    private final List<LookSchedule.Look> taken = new ArrayList<>();
    private PairedLook last;
    private boolean stopped;
    private boolean failFast;

    private PairedSequence(CompareConfig config, LookSchedule.Spending spending, LookSchedule schedule) {
        this.config = Objects.requireNonNull(config, "config");
        this.spending = Objects.requireNonNull(spending, "spending");
        this.schedule = schedule;
    }

    /** A fixed design: one look at {@code rounds}, spending the whole error. */
    public static PairedSequence fixed(int rounds, CompareConfig config) {
        return new PairedSequence(config, LookSchedule.Spending.BONFERRONI,
                LookSchedule.of(new int[] {rounds}, config.alpha(), LookSchedule.Spending.BONFERRONI));
    }

    /** An adaptive design; {@link #plan} sets its schedule once the pilot round is timed. */
    public static PairedSequence budgeted(CompareConfig config, LookSchedule.Spending spending) {
        return new PairedSequence(config, spending, null);
    }

    /**
     * Stop at the first look where a gating check is a REGRESSION, without waiting for the tail
     * checks to settle ({@code ab --fail-fast}). The claim is the same one {@link PairedLook#stop}
     * would keep, made at a look whose error is already spent, so stopping on it costs no error;
     * what it gives up is the tail's verdict beside it.
     */
    public PairedSequence failFast(boolean on) {
        this.failFast = on;
        return this;
    }

    public boolean planned() {
        return schedule != null;
    }

    /** Fixes the schedule from the budget and the pilot's time per round; once. */
    public void plan(double budgetSeconds, double secondsPerRound) {
        if (schedule != null) {
            throw new IllegalStateException("the look schedule is fixed already");
        }
        schedule = LookSchedule.forBudget(budgetSeconds, secondsPerRound, config.alpha(), spending);
    }

    public LookSchedule schedule() {
        if (schedule == null) {
            throw new IllegalStateException("no schedule before the pilot round");
        }
        return schedule;
    }

    /** Rounds the schedule's last look needs. */
    public int maxRounds() {
        return schedule().last().rounds();
    }

    /**
     * Takes every look due with {@code rounds} rounds measured, in order, until one stops;
     * returns those taken (empty when none was due).
     *
     * @param data every round measured so far, per benchmark
     */
    public List<PairedLook> lookAt(List<PairedInput> data, int rounds) {
        List<PairedLook> out = new ArrayList<>();
        while (!stopped && taken.size() < schedule().size() && schedule().look(taken.size()).rounds() <= rounds) {
            int k = taken.size();
            int n = schedule().look(k).rounds();
            PairedLook look = PairedCompare.look(first(data, n), config, schedule(), k);
            taken.add(schedule().look(k));
            last = look;
            stopped = look.stop() || (failFast && look.failed()) || futile(look, maxRounds());
            out.add(look);
        }
        return out;
    }

    /**
     * True when every open gating check of {@code look} needs more than {@code maxRounds} rounds,
     * or cannot tell; never before half the schedule's rounds. The spread the first rounds show
     * is itself uncertain, and a host's bad spell can fill them: judged from 8 rounds of a
     * 47-round schedule, an A/B whose first minute ran at a fifth of the host's usual rate was
     * called futile at "about 500 rounds" although the host recovered a minute later.
     */
    static boolean futile(PairedLook look, int maxRounds) {
        if (2 * look.look().rounds() < maxRounds) {
            return false;
        }
        boolean anyGating = false;
        for (PairedCheck c : look.checks()) {
            if (!c.result().gating()) {
                continue;
            }
            anyGating = true;
            if (!c.decided() && c.roundsToDecide() >= 0 && c.roundsToDecide() <= maxRounds) {
                return false;
            }
        }
        return anyGating;
    }

    /** Whether the sequence stopped: every gating check decided or futile, or the last look taken. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * The budget ended before the last look: one closing look at {@code rounds} spending what
     * is left. Returns the last look taken instead when it already saw these rounds.
     */
    public PairedLook close(List<PairedInput> data, int rounds) {
        if (stopped || (last != null && last.look().rounds() >= rounds)) {
            stopped = true;
            return last;
        }
        double half = config.alpha() / 2;
        double spent = taken.stream().mapToDouble(LookSchedule.Look::level).sum();
        List<LookSchedule.Look> looks = new ArrayList<>(taken);
        int end = looks.isEmpty() ? rounds : Math.max(rounds, looks.get(looks.size() - 1).rounds() + 1);
        for (int k = 0; k < looks.size(); k++) {
            LookSchedule.Look l = looks.get(k);
            looks.set(k, new LookSchedule.Look(l.rounds(), (double) l.rounds() / end, l.spent(), l.level()));
        }
        looks.add(new LookSchedule.Look(rounds, 1.0, half, Math.max(0, half - spent)));
        LookSchedule closing = new LookSchedule(looks, spending, config.alpha());
        last = PairedCompare.look(first(data, rounds), config, closing, looks.size() - 1);
        stopped = true;
        return last;
    }

    public Optional<PairedLook> last() {
        return Optional.ofNullable(last);
    }

    private static List<PairedInput> first(List<PairedInput> data, int n) {
        return data.stream().map(p -> p.firstRounds(n)).toList();
    }
}
