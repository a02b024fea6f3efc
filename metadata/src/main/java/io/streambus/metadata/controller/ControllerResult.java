package io.streambus.metadata.controller;

import io.streambus.metadata.record.MetadataRecord;
import java.util.List;

/** What an operation decided: the records to commit (possibly none) and the response once they are. */
record ControllerResult<T>(List<MetadataRecord> records, T response) {

    ControllerResult {
        records = List.copyOf(records);
    }
}
