using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.Migrations
{
    /// <inheritdoc />
    public partial class DiscordGlobalLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DiscordGlobalLimit",
                columns: table => new
                {
                    ApplicationId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Sent = table.Column<string>(type: "TEXT", nullable: false),
                    BlockedUntil = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscordGlobalLimit", x => x.ApplicationId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DiscordGlobalLimit");
        }
    }
}
