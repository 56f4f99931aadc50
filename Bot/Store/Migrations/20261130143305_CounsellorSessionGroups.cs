using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.Migrations
{
    /// <inheritdoc />
    public partial class CounsellorSessionGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Groups",
                table: "CounsellorSession",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Groups",
                table: "CounsellorSession");
        }
    }
}
