using System.IO;
using System.Numerics.Tensors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Neuroslyn.Hosting;
using Neuroslyn.Samples.FashionMnist;
using Neuroslyn.Samples.InferenceService;

// Serves the Fashion-MNIST network that samples/FashionMnist trained: POST /predict {"pixels": [784 numbers in 0..1]}
// answers the ten class probabilities. Weights: --weights FILE (default: where the training sample saves them).
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
string weights = builder.Configuration["weights"]
    ?? Path.Combine(builder.Environment.ContentRootPath, "..", "FashionMnist", "bin", "Release", "net10.0", "fashionnet.safetensors");
builder.Services.AddNetwork<FashionNet>(weights);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PredictionJson.Default));

WebApplication app = builder.Build();

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
