package org.laborwatch.connectors.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Buffered writes in a checkpoint: written there, they survive a crash before Elasticsearch took them. */
final class EsActionSerializer extends AsyncSinkWriterStateSerializer<EsAction> {

    @Override
    protected void serializeRequestToStream(EsAction action, DataOutputStream out) throws IOException {
        out.writeUTF(action.index());
        out.writeUTF(action.id());
        out.writeLong(action.version());
        out.writeInt(action.document().length);
        out.write(action.document());
    }

    @Override
    protected EsAction deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        long version = in.readLong();
        byte[] document = new byte[in.readInt()];
        in.readFully(document);
        return new EsAction(index, id, version, document);
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
