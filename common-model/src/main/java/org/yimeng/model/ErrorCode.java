package org.yimeng.model;

/**
 * The stable error codes of the API contract (api.md), each with its HTTP status. Front ends switch on the code,
 * never on the message, so a code is never renamed.
 */
public enum ErrorCode {
    // generic
    MALFORMED_REQUEST(400, "Malformed request"),
    VALIDATION_FAILED(422, "Validation failed"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    CONFLICT(409, "Conflict"),
    INVALID_CURSOR(400, "Invalid cursor"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    INTERNAL_ERROR(500, "Internal error"),
    // idempotency
    IDEMPOTENCY_KEY_REQUIRED(400, "Idempotency-Key header required"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused with a different request"),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "Request with this idempotency key is still being processed"),
    // places and people
    DUPLICATE_COMMUNITY(409, "Duplicate community"),
    UNKNOWN_COUNTY(422, "Unknown county"),
    UNKNOWN_GRID(422, "Unknown grid"),
    DUPLICATE_VOLUNTEER(409, "Duplicate volunteer"),
    INVALID_ID_NUMBER(422, "Invalid resident ID number"),
    CONSENT_REQUIRED(422, "Consent required"),
    DUPLICATE_HOUSEHOLD(409, "Duplicate household"),
    // pairings
    PAIRING_NEEDS_TWO_VOLUNTEERS(422, "A pairing needs two distinct volunteers"),
    VOLUNTEER_NOT_ACTIVE(422, "Volunteer not active"),
    VOLUNTEER_OUTSIDE_COMMUNITY(422, "Volunteer outside the household's community"),
    HOUSEHOLD_HAS_NO_GRID(422, "Household has no grid"),
    HOUSEHOLD_ALREADY_PAIRED(409, "Household already has an active pairing"),
    VOLUNTEER_AT_CAPACITY(409, "Volunteer at pairing capacity"),
    PAIRING_NOT_ACTIVE(409, "Pairing not active"),
    // wishes and activities
    WISH_ALREADY_CLAIMED(409, "Wish already claimed"),
    INVALID_WISH_STATE(409, "Invalid wish state"),
    ACTIVITY_FULL(409, "Activity full"),
    ALREADY_SIGNED_UP(409, "Already signed up"),
    OVERLAPPING_SIGNUP(409, "Overlapping sign-up"),
    INVALID_ACTIVITY_STATE(409, "Invalid activity state"),
    RECORDING_WINDOW_CLOSED(422, "Recording window closed"),
    // ledger
    UNKNOWN_COMMUNITY(422, "Unknown community"),
    UNKNOWN_PIGGY_BANK(422, "Unknown piggy-bank"),
    PIGGY_BANK_RETIRED(422, "Piggy-bank retired"),
    ALREADY_REVERSED(409, "Entry already reversed"),
    INSUFFICIENT_FUNDS(422, "Insufficient funds"),
    // places (appended)
    DUPLICATE_GRID(409, "Duplicate grid"),
    // ledger (appended)
    REVERSAL_NOT_REVERSIBLE(422, "A reversal cannot be reversed"),
    // activities and attendance (appended)
    NOT_SIGNED_UP(422, "Volunteer not signed up for this activity"),
    ALREADY_CHECKED_IN(409, "Already checked in"),
    NOT_CHECKED_IN(409, "Not checked in"),
    ALREADY_CHECKED_OUT(409, "Already checked out"),
    CHECK_OUT_BEFORE_CHECK_IN(422, "Check-out before check-in"),
    ACTIVITY_NOT_STARTED(409, "Activity has not started yet"),
    OVERLAPPING_SERVICE(409, "Service time overlaps another record of the volunteer"),
    CERTIFICATE_NOT_FOUND(404, "Certificate not found"),
    // imports (appended)
    UNSUPPORTED_FILE_TYPE(415, "Unsupported file type"),
    UNREADABLE_FILE(422, "The file cannot be read"),
    WRONG_TEMPLATE(422, "The file does not match the template"),
    FILE_TOO_LARGE(413, "File too large"),
    IMPORT_NOT_COMMITTABLE(409, "Import cannot be committed in its current state"),
    // rate limits (appended)
    RATE_LIMITED(429, "Too many requests"),
    // staff contact and certificates (appended)
    NO_PHONE(422, "No phone on record"),
    NO_SERVICE_RECORDS(422, "No service records"),
    // residents (appended)
    NOT_REGISTERED(404, "Not registered as a volunteer"),
    ALREADY_REGISTERED(409, "Already registered as a volunteer"),
    PHONE_NOT_VERIFIED(403, "Phone number not verified"),
    // attendance by phone (appended)
    SIGNUP_CUTOFF_PASSED(409, "Sign-up can no longer be cancelled"),
    ATTENDANCE_CODE_INVALID(422, "Attendance code invalid"),
    OUTSIDE_CHECK_IN_WINDOW(422, "Outside the check-in window"),
    OUTSIDE_GEOFENCE(422, "Outside the activity's geofence"),
    APPEAL_ALREADY_OPEN(409, "An appeal for this activity is already open"),
    APPEAL_NOT_OPEN(409, "Appeal already decided"),
    // notices (issue 16)
    ACTIVITY_ALREADY_COMPLETED(409, "Activity already completed"),
    NOT_AN_EMERGENCY(409, "Not an emergency activity"),
    CALL_OUT_ALREADY_ANSWERED(409, "Call-out already answered"),
    CALL_OUT_CLOSED(409, "Call-out closed"),
    // public pages (issue 17)
    RECEIPT_NOT_FOUND(404, "Receipt not found");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
