using System.IO;
using System.Numerics.Tensors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Neuroslyn.Hosting;
using Neuroslyn.Samples.FashionMnist;
using Neuroslyn.Samples.InferenceService;

// Serves the Fashion-MNIST network that samples/FashionMnist trained: POST /predict with JSON {"pixels": [784 numbers
// in 0..1]} or a PNG (body or form file) answers the ten class probabilities; / is a page to draw or upload an image.
// Options: --weights FILE (default: where the training sample saves them), --timings true (log in-process inference
// times at shutdown), and ASP.NET Core's own, such as --urls.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
string weights = builder.Configuration["weights"]
    ?? Path.Combine(builder.Environment.ContentRootPath, "..", "FashionMnist", "bin", "Release", "net10.0", "fashionnet.safetensors");
builder.Services.AddNetwork<FashionNet>(weights);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PredictionJson.Default));
// Also registers ASP.NET Core's compile-time JSON metadata for the 400 answers' ProblemDetails: PublishAot turns off
// reflection-based JSON, in a normal build as well as in the native binary.
builder.Services.AddProblemDetails();
if (bool.TryParse(builder.Configuration["timings"], out bool timings) && timings)
{
    builder.Services.AddHostedService<InferenceTimings>();
}

WebApplication app = builder.Build();

app.MapPage();
app.MapPost("/predict", async (HttpRequest request, NetworkPredictor<FashionNet> network) =>
{
    (float[]? pixels, string? problem) = await PredictionRequest.ReadAsync(request, FashionNet.InputSize);
    if (pixels is null)
    {
        return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Bad input");
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
