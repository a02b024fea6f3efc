package io.streambus.metadata.log;

import io.streambus.metadata.record.MetadataRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a log delivers, for tests. */
public final class RecordingListener implements MetadataLogListener {

    public final List<MetadataSnapshot> snapshots = new CopyOnWriteArrayList<>();
    public final List<MetadataBatch> batches = new CopyOnWriteArrayList<>();

    @Override
    public void onSnapshot(MetadataSnapshot snapshot) {
        snapshots.add(snapshot);
    }

    @Override
    public void onCommit(MetadataBatch batch) {
        batches.add(batch);
    }

    public long lastOffset() {
        return batches.isEmpty() ? (snapshots.isEmpty() ? -1 : snapshots.getLast().lastOffset())
                : batches.getLast().lastOffset();
    }

    public List<MetadataRecord> batchRecords() {
        List<MetadataRecord> records = new ArrayList<>();
        batches.forEach(b -> records.addAll(b.records()));
        return records;
    }
}
