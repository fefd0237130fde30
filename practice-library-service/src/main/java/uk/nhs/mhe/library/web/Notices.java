package uk.nhs.mhe.library.web;

/**
 * Success messages after a form post (post/redirect/get): the redirect carries a short key, never
 * text, so nobody can make the page say something through a crafted link.
 */
final class Notices {

    private Notices() {
    }

    static String text(String key) {
        if (key == null) {
            return null;
        }
        return switch (key) {
            case "saved" -> "Your case study has been saved as a draft.";
            case "submit" -> "Your case study has been sent for moderation.";
            case "publish" -> "The case study has been published.";
            case "return" -> "The case study has been returned to its contributor with your comment.";
            default -> null;
        };
    }
}
