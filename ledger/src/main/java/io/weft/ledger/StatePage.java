package io.weft.ledger;

import java.util.List;

/**
 * One page of a paginated range query.
 *
 * @param results at most the page size
 * @param bookmark the key to start the next page from, {@code ""} when the range is exhausted (Fabric's LevelDB
 *     bookmark)
 */
public record StatePage(List<KeyValue> results, String bookmark) {
    public StatePage {
        results = List.copyOf(results);
    }

    public int fetchedRecordsCount() {
        return results.size();
    }
}
