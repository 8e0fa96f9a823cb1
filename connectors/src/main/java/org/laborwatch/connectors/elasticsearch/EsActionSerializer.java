package org.laborwatch.connectors.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Buffered writes in a checkpoint: written there, they survive a crash before Elasticsearch took them. */
final class EsActionSerializer extends AsyncSinkWriterStateSerializer<EsAction> {

    @Override
    protected void serializeRequestToStream(EsAction action, DataOutputStream out) throws IOException {
        // Not writeUTF: it refuses strings over 64 KB, and a failed snapshot would fail the job over and over.
        writeString(action.index(), out);
        writeString(action.id(), out);
        out.writeLong(action.version());
        out.writeInt(action.document().length);
        out.write(action.document());
    }

    @Override
    protected EsAction deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String index = readString(in);
        String id = readString(in);
        long version = in.readLong();
        byte[] document = new byte[in.readInt()];
        in.readFully(document);
        return new EsAction(index, id, version, document);
    }

    private static void writeString(String s, DataOutputStream out) throws IOException {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
