using System.Buffers.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Weerbaarheid.Gateway;

/// <summary>
/// gRPC-Web text (<c>application/grpc-web-text</c>, what many browser clients use for streams) is binary
/// gRPC-Web carried as base64. The gRPC-Web middleware decodes it only for gRPC services in the same process:
/// YARP would forward the base64 as it came. So text is turned into binary here, before the middleware, and
/// the binary answer is encoded back to base64 on its way out.
/// </summary>
public static class GrpcWebText
{
    private const string TextContentType = "application/grpc-web-text";
    private const string BinaryContentType = "application/grpc-web";

    public static WebApplication UseGrpcWebText(this WebApplication app)
    {
        app.Use(TranslateAsync);
        return app;
    }

    private static async Task TranslateAsync(HttpContext context, Func<Task> next)
    {
        var contentType = context.Request.ContentType;
        if (contentType?.StartsWith(TextContentType, StringComparison.OrdinalIgnoreCase) != true)
        {
            await next();
            return;
        }

        // A browser's gRPC-Web request is one message (gRPC-Web has no client streaming), so it is decoded
        // whole; its size is bounded by the gateway's request size limit.
        using var text = new MemoryStream();
        await context.Request.Body.CopyToAsync(text, context.RequestAborted);
        if (!TryDecode(text.GetBuffer().AsSpan(0, (int)text.Length), out var decoded))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var suffix = contentType[TextContentType.Length..]; // "+proto", or nothing
        context.Request.Body = new MemoryStream(decoded, writable: false);
        context.Request.ContentLength = decoded.Length;
        context.Request.ContentType = BinaryContentType + suffix;
        // The middleware answers in text when the caller accepts text: it is to answer in binary, encoded here.
        context.Request.Headers.Accept = BinaryContentType + suffix;

        var binary = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var encoder = new Base64EncodingStream(binary.Stream);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(encoder, binary));
        // Runs after the gRPC-Web middleware's own header rewrite (OnStarting callbacks run last-registered first).
        context.Response.OnStarting(() =>
        {
            if (context.Response.ContentType?.StartsWith(BinaryContentType, StringComparison.OrdinalIgnoreCase) == true)
            {
                context.Response.ContentType = TextContentType + context.Response.ContentType[BinaryContentType.Length..];
            }

            return Task.CompletedTask;
        });
        try
        {
            await next();
        }
        finally
        {
            await encoder.FinishAsync(context.RequestAborted);
            context.Features.Set(binary);
        }
    }

    /// <summary>Decodes a text body: base64, possibly several padded chunks one after another, as the protocol allows.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> text, out byte[] decoded)
    {
        decoded = [];
        if (text.Length % 4 != 0)
        {
            return false;
        }

        var output = new byte[text.Length / 4 * 3];
        var written = 0;
        var start = 0;
        for (var quartet = 0; quartet < text.Length; quartet += 4)
        {
            // A chunk ends with the quartet that carries its padding, or at the end of the body.
            if (quartet + 4 != text.Length && text[quartet + 3] != (byte)'=')
            {
                continue;
            }

            if (Base64.DecodeFromUtf8(text[start..(quartet + 4)], output.AsSpan(written), out _, out var chunk) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            written += chunk;
            start = quartet + 4;
        }

        decoded = output[..written];
        return true;
    }

    /// <summary>
    /// Base64-encodes what is written to it. Whole 3-byte groups go out as they come; a flush (a streamed
    /// message must reach the browser now) also sends the 1–2 bytes left over, as a padded chunk.
    /// </summary>
    private sealed class Base64EncodingStream(Stream inner) : Stream
    {
        private readonly byte[] _pending = new byte[2];
        private int _pendingCount;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return;
            }

            var data = new byte[_pendingCount + buffer.Length];
            _pending.AsSpan(0, _pendingCount).CopyTo(data);
            buffer.Span.CopyTo(data.AsSpan(_pendingCount));
            var whole = data.Length / 3 * 3;
            _pendingCount = data.Length - whole;
            data.AsSpan(whole).CopyTo(_pending);
            if (whole > 0)
            {
                await inner.WriteAsync(Encode(data.AsSpan(0, whole)), cancellationToken);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await WritePendingAsync(cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        /// <summary>Sends what is left at the end of the answer.</summary>
        public Task FinishAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

        private async Task WritePendingAsync(CancellationToken cancellationToken)
        {
            if (_pendingCount > 0)
            {
                var rest = Encode(_pending.AsSpan(0, _pendingCount));
                _pendingCount = 0;
                await inner.WriteAsync(rest, cancellationToken);
            }
        }

        private static byte[] Encode(ReadOnlySpan<byte> bytes)
        {
            var encoded = new byte[Base64.GetMaxEncodedToUtf8Length(bytes.Length)];
            Base64.EncodeToUtf8(bytes, encoded, out _, out var written);
            return encoded[..written];
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
