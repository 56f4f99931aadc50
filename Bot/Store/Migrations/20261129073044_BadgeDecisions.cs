using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.Migrations
{
    /// <inheritdoc />
    public partial class BadgeDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "BadgeRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "BadgeRequests",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NotifiedAt",
                table: "BadgeRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusalReason",
                table: "BadgeRequests",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "BadgeRequests");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "BadgeRequests");

            migrationBuilder.DropColumn(
                name: "NotifiedAt",
                table: "BadgeRequests");

            migrationBuilder.DropColumn(
                name: "RefusalReason",
                table: "BadgeRequests");
        }
    }
}
