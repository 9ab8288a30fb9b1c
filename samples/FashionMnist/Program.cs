using System;
using System.Globalization;
using Neuroslyn.Samples.FashionMnist;

// Trains a generated network on Fashion-MNIST (SampleRun): the convolutional FashionNet by default, the multilayer
// perceptron FashionMlp with --model mlp, the small ResNet FashionResNet with --model resnet. Options: --model cnn|resnet|mlp, --epochs N (default 10 for the CNN, 20 for the MLP),
// --batch N (default 64), --data FOLDER, --save FILE (default fashionnet.safetensors or fashionmlp.safetensors beside
// the program), --plot FILE (default beside the weights), --threads N (default 1 for the CNN, 2 for the MLP where there are two cores).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("Usage: dotnet run --project samples/FashionMnist -c Release -- [--model cnn|resnet|mlp] [--epochs N] [--batch N] [--data FOLDER] [--save FILE] [--plot FILE] [--threads N]");
    return 2;
}

FashionMnistData data = FashionMnistData.Load(options.DataFolder);
Console.WriteLine($"Fashion-MNIST from {data.Source}: {data.Train.Count:N0} training and {data.Test.Count:N0} test images.");
if (!data.IsFullSet)
{
    Console.WriteLine("This is the small subset shipped with the sample. For the full set (60,000 + 10,000 images):");
    Console.WriteLine($"  sudo apt-get install dataset-fashion-mnist    (installs to {FashionMnistData.DebianFolder})");
    Console.WriteLine("  or pass --data FOLDER with the four IDX .gz files from https://github.com/zalandoresearch/fashion-mnist");
}

return options.Model switch
{
    SampleModel.Mlp => SampleRun.Train<FashionMlp>(options, data, cosineDecay: false),
    SampleModel.ResNet => SampleRun.Train<FashionResNet>(options, data, cosineDecay: true),
    _ => SampleRun.Train<FashionNet>(options, data, cosineDecay: true),
};
