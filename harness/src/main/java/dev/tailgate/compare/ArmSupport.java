package dev.tailgate.compare;

/**
 * What stands behind one arm of a check: forks, iterations over all forks, and samples (latency
 * observations for histogram statistics; iteration scores for score statistics).
 */
public record ArmSupport(int forks, int iterations, long samples) {
    public ArmSupport {
        if (forks < 0 || iterations < 0 || samples < 0) {
            throw new IllegalArgumentException("negative support: " + forks + "/" + iterations + "/" + samples);
        }
    }
}
