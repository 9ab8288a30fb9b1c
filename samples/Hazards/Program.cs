using System;
using Neuroslyn.Samples.Hazards;

// The networks compile and run; they are just poor choices. Build this project to see why.
var network = new DeepSigmoidNet(seed: 1);
Console.WriteLine($"{nameof(DeepSigmoidNet)}: {DeepSigmoidNet.ParameterCount} parameters. Build this sample to see the hazard diagnostics.");
GC.KeepAlive(network);
