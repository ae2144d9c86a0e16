package org.loftmail.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Raw deflate in both directions (RFC 1951, as IMAP COMPRESS=DEFLATE asks in RFC 4978): inbound bytes are inflated
 * before framing, outbound writes are deflated with a sync flush each, so every response reaches the client at
 * once. Sits between TLS (if any) and the protocol. A client whose input inflates to more than
 * {@link #MAX_INFLATED_PER_READ} bytes from one read, or that sends what is not deflate data, is disconnected: the
 * expansion of a few kilobytes into gigabytes must not reach the framing.
 */
final class DeflateCompression extends ChannelDuplexHandler {

    /** What one read may inflate to (deflate can expand ~1000 times; a real client's commands stay far below). */
    static final int MAX_INFLATED_PER_READ = 8 << 20;
    private static final int CHUNK = 64 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] chunk = new byte[CHUNK];

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        byte[] data;
        try {
            data = ByteBufUtil.getBytes(in);
        } finally {
            in.release();
        }
        inflater.setInput(data);
        long produced = 0;
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    produced += n;
                    if (produced > MAX_INFLATED_PER_READ) {
                        ctx.close();
                        return;
                    }
                    ctx.fireChannelRead(Unpooled.copiedBuffer(chunk, 0, n));
                    continue;
                }
                if (inflater.finished()) { // the client ended its stream: nothing more can follow
                    ctx.close();
                    return;
                }
                if (inflater.needsInput() || inflater.needsDictionary()) break;
            }
        } catch (DataFormatException e) {
            ctx.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.write(msg, promise);
            return;
        }
        byte[] data;
        try {
            data = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        deflater.setInput(data);
        ByteBuf out = ctx.alloc().heapBuffer(Math.max(64, data.length / 2 + 64));
        while (true) {
            int n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.writeBytes(chunk, 0, n);
            if (n < chunk.length && deflater.needsInput()) break;
        }
        ctx.write(out, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        inflater.end();
        deflater.end();
    }
}
