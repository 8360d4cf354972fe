package io.fastschema.realtime.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import java.util.List;

/**
 * What one of FastSchema's content hooks receives for one statement: {@code PostDBCreate} gets one
 * record, {@code PostDBUpdate} the primary keys of every row the statement changed, {@code
 * PostDBDelete} the full rows read before deleting. Rebuilt here from one transaction group of
 * record events (a group is one statement's changes to one table).
 *
 * @param schema FastSchema schema name
 * @param op the operation
 * @param ids primary-key values in statement order
 * @param deletedRows for deletes, the pre-delete rows (FastSchema sends them without a query);
 *     empty otherwise
 */
record HookCall(String schema, Operation op, List<JsonNode> ids, List<ObjectNode> deletedRows) {}
