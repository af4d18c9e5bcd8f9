using Weerbaarheid.Offerings;
using Weerbaarheid.ServiceDefaults;
using Weerbaarheid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("offerings");
builder.AddOfferingsService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapOfferingsService();
app.RunService();
