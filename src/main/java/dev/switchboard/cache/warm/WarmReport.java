package dev.switchboard.cache.warm;

/** What a warming did: entries loaded and stored, found already cached (not reloaded), and whose loader failed. */
public record WarmReport(int entries, int loaded, int alreadyCached, int failed) {
}
