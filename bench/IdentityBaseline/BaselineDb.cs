using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdentityBaseline;

/// <summary>Identity's own schema (users, roles, claims…) in one SQLite file, as the templates create it.</summary>
public sealed class BaselineDb(DbContextOptions<BaselineDb> options) : IdentityDbContext<IdentityUser>(options);
