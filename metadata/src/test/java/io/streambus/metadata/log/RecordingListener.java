package io.streambus.metadata.log;

import io.streambus.metadata.record.MetadataRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a log delivers, for tests. */
final class RecordingListener implements MetadataLogListener {

    final List<MetadataSnapshot> snapshots = new CopyOnWriteArrayList<>();
    final List<MetadataBatch> batches = new CopyOnWriteArrayList<>();

    @Override
    public void onSnapshot(MetadataSnapshot snapshot) {
        snapshots.add(snapshot);
    }

    @Override
    public void onCommit(MetadataBatch batch) {
        batches.add(batch);
    }

    long lastOffset() {
        return batches.isEmpty() ? (snapshots.isEmpty() ? -1 : snapshots.getLast().lastOffset())
                : batches.getLast().lastOffset();
    }

    List<MetadataRecord> batchRecords() {
        List<MetadataRecord> records = new ArrayList<>();
        batches.forEach(b -> records.addAll(b.records()));
        return records;
    }
}
