using System;
using System.Globalization;
using System.IO;
using System.Numerics.Tensors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Neuroslyn.Hosting;
using Neuroslyn.Samples.FashionMnist;
using Neuroslyn.Samples.InferenceService;

// Serves the Fashion-MNIST network that samples/FashionMnist trained: POST /predict with JSON {"pixels": [784 numbers
// in 0..1]} or an image (PNG, JPEG, WebP, GIF, BMP; body or form file) answers the ten class probabilities; / is a page
// to draw or upload an image. Options: --weights FILE (default: where the training sample saves them), --timings true
// (log in-process inference times at shutdown), --decoders N (images decoded at once, default: the processor count),
// --decoder-wait MS (how long an upload waits for a decoder before a 503, default 100), and ASP.NET Core's own, such as
// --urls.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
string weights = builder.Configuration["weights"]
    ?? Path.Combine(builder.Environment.ContentRootPath, "..", "FashionMnist", "bin", "Release", "net10.0", "fashionnet.safetensors");
builder.Services.AddNetwork<FashionNet>(weights);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PredictionJson.Default));
// Also registers ASP.NET Core's compile-time JSON metadata for the 400 answers' ProblemDetails: PublishAot turns off
// reflection-based JSON, in a normal build as well as in the native binary.
builder.Services.AddProblemDetails();
int decoders = WholeNumberOption("decoders", Environment.ProcessorCount, least: 1);
int decoderWait = WholeNumberOption("decoder-wait", 100, least: 0);
// ASP.NET Core's own request lines log the Content-Type whole, however long a client made it; RequestLog cuts it.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
builder.Services.AddSingleton(new DecodingGate(decoders, TimeSpan.FromMilliseconds(decoderWait)));
if (bool.TryParse(builder.Configuration["timings"], out bool timings) && timings)
{
    builder.Services.AddHostedService<InferenceTimings>();
}

WebApplication app = builder.Build();

app.UseRequestLog();
app.MapPage();
app.MapPost("/predict", async (HttpRequest request, NetworkPredictor<FashionNet> network, DecodingGate gate) =>
{
    PredictionInput input = await PredictionRequest.ReadAsync(request, FashionNet.InputSize, gate);
    if (input.Pixels is not { } pixels)
    {
        if (input.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Results.Problem(input.Problem, statusCode: input.StatusCode, title: "Busy decoding images");
        }

        return Results.Problem(input.Problem, statusCode: input.StatusCode, title: "Bad input");
    }

    float[] probabilities = new float[FashionNet.OutputSize];
    network.Predict(pixels, probabilities);
    TensorPrimitives.SoftMax(probabilities, probabilities); // the network outputs logits
    int predicted = TensorPrimitives.IndexOfMax(probabilities);
    var classes = new ClassProbability[probabilities.Length];
    for (int i = 0; i < classes.Length; i++)
    {
        classes[i] = new ClassProbability(FashionNet.ClassNames[i], probabilities[i]);
    }

    return Results.Ok(new Prediction(FashionNet.ClassNames[predicted], predicted, classes));
});

await app.RunAsync();

// A number option's value, or its default when absent; a value that is not a whole number of at least `least` stops the
// service at start with a sentence, rather than being ignored.
int WholeNumberOption(string name, int absent, int least)
{
    string? text = builder.Configuration[name];
    return text is null ? absent
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= least ? value
        : throw new ArgumentException($"--{name} is \"{RequestLog.Cut(text)}\"; it takes a whole number of at least {least} (default {absent}).");
}
