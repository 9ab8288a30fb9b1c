using System.IO;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>Serves the page at / and its script and style, embedded in the assembly.</summary>
/// <remarks>
/// Embedded rather than a wwwroot folder so that the single Native AOT binary is the whole service: nothing to copy
/// beside it, nothing that a wrong content root can hide. Three fixed files need no static-file middleware.
/// </remarks>
internal static class StaticPage
{
    public static void MapPage(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, "/", "index.html", "text/html; charset=utf-8");
        Map(endpoints, "/page.js", "page.js", "text/javascript; charset=utf-8");
        Map(endpoints, "/page.css", "page.css", "text/css; charset=utf-8");
    }

    private static void Map(IEndpointRouteBuilder endpoints, string route, string file, string contentType)
    {
        byte[] content = Read(file);
        endpoints.MapGet(route, () => Results.Bytes(content, contentType));
    }

    private static byte[] Read(string file)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Page/" + file)
            ?? throw new FileNotFoundException($"The embedded page file Page/{file} is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
