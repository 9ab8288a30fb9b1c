using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>
/// One log line per request, with every string the client chose cut to <see cref="MaxLogged"/> characters. It replaces
/// ASP.NET Core's "Request starting/finished" lines (turned off in Program.cs), which carry the Content-Type header
/// verbatim: a multipart boundary of 20,000 characters went into the log whole.
/// </summary>
internal static partial class RequestLog
{
    /// <summary>Enough for any real Content-Type or path; the length of what was cut is logged instead of the rest.</summary>
    public const int MaxLogged = 100;

    public static void UseRequestLog(this WebApplication app)
    {
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLog).FullName!);
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(context);
                return;
            }

            long start = Stopwatch.GetTimestamp();
            await next(context);
            HttpRequest request = context.Request;
            Finished(logger, request.Method, Cut(request.Path.Value), Cut(request.ContentType), context.Response.StatusCode,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        });
    }

    /// <summary>The first <see cref="MaxLogged"/> characters and how many were left out.</summary>
    public static string Cut(string? value) => value is null ? "-"
        : value.Length <= MaxLogged ? value
        : $"{value[..MaxLogged]}… ({value.Length - MaxLogged:N0} more characters)";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} ({ContentType}): {StatusCode} in {Milliseconds:F1} ms")]
    private static partial void Finished(ILogger logger, string method, string path, string contentType, int statusCode, double milliseconds);
}
