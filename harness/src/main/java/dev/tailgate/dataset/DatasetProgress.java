package dev.tailgate.dataset;

/** Called by a writer after each batch; implementations decide whether to draw. */
@FunctionalInterface
public interface DatasetProgress {
    DatasetProgress NONE = (done, total) -> { };

    void update(long done, long total);
}
