using Weerbaarheid.ServiceDefaults;
using Weerbaarheid.ServiceDefaults.Hosting;
using Weerbaarheid.SignalTraining;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("signal-training");
builder.AddSignalTrainingService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapSignalTrainingService();
app.RunService();
